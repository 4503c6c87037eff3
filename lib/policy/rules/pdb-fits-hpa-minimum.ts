import { allowedDisruptions, budgetsCovering, describeBudget, replicatedWorkloads } from '../disruption-budget';
import { EnvironmentRule } from '../rule';

export const pdbFitsHpaMinimum: EnvironmentRule = {
  id: 'pdb-fits-hpa-minimum',
  scope: 'environment',
  severity: 'error',
  finding: "a PodDisruptionBudget lets a drain evict every pod at the autoscaler's minimum",
  why: 'an autoscaled service at its minimum has no spare pods: a budget that allows evicting all of them allows a full outage',
  fix: "keep maxUnavailable below the HPA's minReplicas (or minAvailable at 1 or more)",
  check: (objects) =>
    replicatedWorkloads(objects).flatMap((w) => {
      const hpa = objects.autoscalerOf(w.object);
      if (!hpa) return [];
      const min = objects.minimumReplicas(w.object);
      if (min < 2) return [];
      return budgetsCovering(objects, w).flatMap((pdb) => {
        const allowed = allowedDisruptions(pdb, min);
        if (allowed === undefined || allowed < min) return [];
        return [
          {
            object: pdb,
            field: 'spec',
            message: `${describeBudget(pdb)} lets all ${min} pods of ${w.object.kind} '${w.object.metadata.name}' (HPA '${hpa.metadata.name}' minReplicas) be evicted at once`,
          },
        ];
      });
    }),
};
