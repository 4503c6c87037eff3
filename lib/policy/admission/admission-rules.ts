import { LABEL, MANAGED_BY } from '../../internal/labels';
import { AdmissionAction } from '../../model/environment-admission';
import { ObjectRule, Rule, RuleCel } from '../rule';
import { POD_KINDS } from './pod-variables';

/** A rule of the pack that goes to the cluster, with its CEL. */
export interface CelRule {
  readonly rule: ObjectRule;
  readonly cel: RuleCel;
}

/** A rule that runs only at synth (and in `platform check` on written YAML), with the reason. */
export interface SynthOnlyRule {
  readonly id: string;
  readonly reason: string;
}

/** Why a rule over several objects cannot be an admission policy: admission sees one object at a time. */
const SEVERAL_OBJECTS = 'reads several objects (admission sees one object at a time)';

/** The rules of `pack` that declare CEL, in pack order. */
export function celRules(pack: readonly Rule[]): CelRule[] {
  return pack.flatMap((rule) => (rule.scope === 'object' && rule.admission && 'cel' in rule.admission ? [{ rule, cel: rule.admission.cel }] : []));
}

/** The rules of `pack` that stay at synth, with why; a rule that declares nothing is listed as not translated. */
export function synthOnlyRules(pack: readonly Rule[]): SynthOnlyRule[] {
  return pack.flatMap((rule): SynthOnlyRule[] => {
    if (rule.scope === 'environment') return [{ id: rule.id, reason: SEVERAL_OBJECTS }];
    if (!rule.admission) return [{ id: rule.id, reason: 'has no CEL yet' }];
    return 'synthOnly' in rule.admission ? [{ id: rule.id, reason: rule.admission.synthOnly }] : [];
  });
}

/** The admission policy of a rule (and its binding), e.g. 'golden-path-pss-privileged'. */
export function admissionPolicyName(ruleId: string): string {
  return `golden-path-${ruleId}`;
}

/** What kubectl, the audit log and policy reports say: the rule id, the finding and the fix, as the synth-time report does. */
export function admissionMessage(rule: ObjectRule): string {
  return `${rule.id}: ${rule.finding}. Fix: ${rule.fix}`;
}

/**
 * What a failed validation does: 'deny' refuses and records it; 'audit' lets it through with a
 * warning to the client and a record. A warning rule never refuses, as it never fails synth.
 */
export function validationActions(rule: ObjectRule, action: AdmissionAction): ('Deny' | 'Audit' | 'Warn')[] {
  return action === 'deny' && rule.severity === 'error' ? ['Deny', 'Audit'] : ['Audit', 'Warn'];
}

/** Namespaces of Kubernetes itself, never matched even if someone labels them as the platform's. */
const SYSTEM_NAMESPACES = ['kube-node-lease', 'kube-public', 'kube-system'];

/** The namespaces the platform manages: its team namespaces carry the managed-by label. */
export function platformNamespaces(): { matchLabels: Record<string, string>; matchExpressions: { key: string; operator: string; values: string[] }[] } {
  return {
    matchLabels: { [LABEL.managedBy]: MANAGED_BY },
    matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...SYSTEM_NAMESPACES] }],
  };
}

/** Resource rules for the pod-running kinds and the rule's own extra kinds, one per API group and version. */
export function resourceRules(cel: RuleCel): { apiGroups: string[]; apiVersions: string[]; operations: string[]; resources: string[] }[] {
  const byGroupVersion = new Map<string, { group: string; version: string; resources: string[] }>();
  for (const kind of [...POD_KINDS, ...(cel.alsoMatches ?? [])]) {
    const key = `${kind.group}/${kind.version}`;
    const entry = byGroupVersion.get(key) ?? { group: kind.group, version: kind.version, resources: [] };
    entry.resources.push(kind.resource);
    byGroupVersion.set(key, entry);
  }
  return [...byGroupVersion.values()].map((e) => ({
    apiGroups: [e.group],
    apiVersions: [e.version],
    operations: ['CREATE', 'UPDATE'],
    resources: [...new Set(e.resources)].sort(),
  }));
}
