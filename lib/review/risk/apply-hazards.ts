import { FieldChange } from '../field-changes';
import { objectFlag, ReviewInput, RiskFlag } from './risk-flag';

/** Kinds whose `spec.selector` the API server refuses to change. */
const IMMUTABLE_SELECTOR = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** Other fields the API server refuses to change in place, by kind (path prefixes of flattened fields). */
const IMMUTABLE_FIELDS: Record<string, readonly string[]> = {
  Job: ['spec.template', 'spec.completionMode'],
  Service: ['spec.clusterIP', 'spec.clusterIPs', 'spec.ipFamilies'],
  StatefulSet: ['spec.serviceName', 'spec.podManagementPolicy'],
  PersistentVolumeClaim: ['spec.accessModes', 'spec.storageClassName', 'spec.volumeName', 'spec.volumeMode', 'spec.selector', 'spec.dataSource'],
};

/**
 * Apply hazards: changes Kubernetes cannot make in place, so the sync fails or the object is
 * deleted and created again: a workload selector changed, a StatefulSet's volumeClaimTemplates
 * changed, another immutable field changed, an object renamed. A Service selector change applies
 * but moves traffic to other pods, so it is flagged here too.
 */
export function applyHazardRisks({ diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const d of diff.objects) {
    if (d.status === 'renamed') {
      const data = d.kind === 'StatefulSet' || d.kind === 'PersistentVolumeClaim' ? '; data in its volumes is not carried over' : '';
      flags.push(
        objectFlag(
          d,
          'apply-hazard',
          'apply-hazard/renamed',
          `renamed from ${d.previous!.id}: applied as a delete and a create (Argo CD prunes the old object)${data}`,
        ),
      );
    }
    if (d.status !== 'changed' && d.status !== 'moved') continue;
    if (IMMUTABLE_SELECTOR.has(d.kind) && touches(d.fields, 'spec.selector')) {
      flags.push(
        objectFlag(
          d,
          'apply-hazard',
          'apply-hazard/selector',
          `spec.selector changed: immutable on a ${d.kind}, the sync fails until the object is deleted and re-created`,
          describe(d.fields, 'spec.selector'),
        ),
      );
    }
    if (d.kind === 'Service' && touches(d.fields, 'spec.selector')) {
      flags.push(
        objectFlag(
          d,
          'apply-hazard',
          'apply-hazard/service-selector',
          'Service selector changed: traffic moves to the pods the new selector matches',
          describe(d.fields, 'spec.selector'),
        ),
      );
    }
    if (d.kind === 'StatefulSet' && touches(d.fields, 'spec.volumeClaimTemplates')) {
      flags.push(
        objectFlag(
          d,
          'apply-hazard',
          'apply-hazard/volume-claim-templates',
          'volumeClaimTemplates changed: immutable, the sync fails; existing volumes keep their old spec until re-created',
          describe(d.fields, 'spec.volumeClaimTemplates'),
        ),
      );
    }
    for (const prefix of IMMUTABLE_FIELDS[d.kind] ?? []) {
      if (touches(d.fields, prefix))
        flags.push(
          objectFlag(
            d,
            'apply-hazard',
            'apply-hazard/immutable-field',
            `${prefix} changed: immutable on a ${d.kind}, the sync fails until the object is re-created`,
            describe(d.fields, prefix),
          ),
        );
    }
    const wasImmutable = (d.before as { immutable?: boolean } | undefined)?.immutable === true;
    if (
      (d.kind === 'ConfigMap' || d.kind === 'Secret') &&
      wasImmutable &&
      (touches(d.fields, 'data') || touches(d.fields, 'binaryData') || touches(d.fields, 'stringData'))
    ) {
      flags.push(
        objectFlag(
          d,
          'apply-hazard',
          'apply-hazard/immutable-field',
          `data of an immutable ${d.kind} changed: the sync fails until it is re-created (or renamed)`,
        ),
      );
    }
  }
  return flags;
}

function touches(fields: readonly FieldChange[], prefix: string): boolean {
  return fields.some((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`));
}

function describe(fields: readonly FieldChange[], prefix: string): string[] {
  const show = (f: FieldChange, side: 'before' | 'after') => (side in f ? JSON.stringify(f[side]) : '(none)');
  return fields
    .filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`))
    .slice(0, 6)
    .map((f) => `${f.path}: ${show(f, 'before')} -> ${show(f, 'after')}`);
}
