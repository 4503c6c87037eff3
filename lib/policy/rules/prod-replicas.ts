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
  fix: `set replicas (or the autoscaler's minReplicas) to at least ${MIN_PRODUCTION_REPLICAS} in production: Replicas.autoscale({ min: ${MIN_PRODUCTION_REPLICAS}, ... }) or Replicas.fixed(${MIN_PRODUCTION_REPLICAS})`,
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
          : { object: w.object, field: 'spec.replicas', message: `${w.object.kind} '${w.object.metadata.name}' runs ${min} pod(s)` },
      ];
    });
  },
};
