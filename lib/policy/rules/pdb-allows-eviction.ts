import { allowedDisruptions, budgetsCovering, describeBudget, replicatedWorkloads } from '../disruption-budget';
import { EnvironmentRule } from '../rule';

export const pdbAllowsEviction: EnvironmentRule = {
  id: 'pdb-allows-eviction',
  scope: 'environment',
  severity: 'error',
  finding: "a PodDisruptionBudget allows no eviction at the workload's smallest size",
  why: 'a budget that allows zero disruptions blocks every node drain, so cluster upgrades stall until someone deletes it by hand',
  fix: "express the budget as maxUnavailable: 1 (the golden path's), or keep minAvailable below the fewest replicas (HPA minReplicas)",
  check: (objects) =>
    replicatedWorkloads(objects).flatMap((w) => {
      const min = objects.minimumReplicas(w.object);
      return budgetsCovering(objects, w).flatMap((pdb) => {
        const allowed = allowedDisruptions(pdb, min);
        if (allowed === undefined || allowed > 0) return [];
        return [
          {
            object: pdb,
            field: 'spec',
            message: `${describeBudget(pdb)} allows no eviction when ${w.object.kind} '${w.object.metadata.name}' runs its minimum of ${min} pod(s)`,
          },
        ];
      });
    }),
};
