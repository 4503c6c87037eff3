import { budgetsCovering, replicatedWorkloads } from '../disruption-budget';
import { EnvironmentRule } from '../rule';

export const pdbCoverage: EnvironmentRule = {
  id: 'pdb-coverage',
  scope: 'environment',
  severity: 'error',
  finding: 'a workload is not covered by exactly one PodDisruptionBudget',
  why: 'without a budget a node drain may evict every pod at once; with two the eviction API refuses every eviction and drains hang',
  fix: 'give each Deployment or StatefulSet one PodDisruptionBudget selecting its pods (the golden-path stacks create it)',
  check: (objects) =>
    replicatedWorkloads(objects).flatMap((w) => {
      const budgets = budgetsCovering(objects, w);
      if (budgets.length === 1) return [];
      const message =
        budgets.length === 0
          ? `no PodDisruptionBudget selects the pods of ${w.object.kind} '${w.object.metadata.name}'`
          : `${budgets.length} PodDisruptionBudgets (${budgets.map((b) => b.metadata.name).join(', ')}) select the pods of ${w.object.kind} '${w.object.metadata.name}'`;
      return [{ object: w.object, message }];
    }),
};
