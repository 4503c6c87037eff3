import { replicatedWorkloads } from '../disruption-budget';
import { EnvironmentRule } from '../rule';

/** The fewest pods a production workload may run. */
const MIN_PRODUCTION_REPLICAS = 2;

export const prodReplicas: EnvironmentRule = {
  id: 'prod-replicas',
  scope: 'environment',
  severity: 'error',
  finding: `a production workload may run fewer than ${MIN_PRODUCTION_REPLICAS} pods`,
  why: 'with one pod every rollout, node drain or crash is an outage',
  fix:
    `set replicas (or the autoscaler's minReplicas) to at least ${MIN_PRODUCTION_REPLICAS} in production: Replicas.autoscale({ min: ${MIN_PRODUCTION_REPLICAS}, ... }) or Replicas.fixed(${MIN_PRODUCTION_REPLICAS}); ` +
    'for single-instance state (a StatefulSet of one pod), use a managed store outside the cluster or a replicated setup of the software, or waive this rule with the reason',
  check: (objects, context) => {
    if (!context.production) return [];
    return replicatedWorkloads(objects).flatMap((w) => {
      const min = objects.minimumReplicas(w.object);
      if (min >= MIN_PRODUCTION_REPLICAS) return [];
      const hpa = objects.autoscalerOf(w.object);
      return [
        hpa
          ? {
              object: hpa,
              field: 'spec.minReplicas',
              message: `the autoscaler of ${w.object.kind} '${w.object.metadata.name}' may scale it down to ${min} pod(s)`,
            }
          : { object: w.object, field: 'spec.replicas', message: podsMessage(w.object.kind, w.object.metadata.name, min) },
      ];
    });
  },
};

/**
 * A StatefulSet of one pod is single-instance state by declaration (a stateful service's default):
 * more pods would not help until the software replicates, so the message says what would.
 */
function podsMessage(kind: string, name: string, pods: number): string {
  if (kind !== 'StatefulSet') return `${kind} '${name}' runs ${pods} pod(s)`;
  return (
    `StatefulSet '${name}' runs ${pods} pod(s): single-instance state is down during each rollout, node drain or crash, and its data lives on one volume; ` +
    'use a managed store outside the cluster, or a replicated setup (Replicas.fixed(3) with the software replicating across its pods), ' +
    'or waive prod-replicas with the reason the outage is acceptable'
  );
}
