import { Manifest } from '../manifest/manifest';
import { EnvironmentObjects, Workload } from '../manifest/environment-objects';
import { IntOrString, LabelSelector } from '../manifest/k8s-types';
import { REPLICATED_KINDS } from '../manifest/pod-template';

interface PodDisruptionBudgetSpec {
  readonly selector?: LabelSelector;
  readonly minAvailable?: IntOrString;
  readonly maxUnavailable?: IntOrString;
}

/** The long-running workloads (Deployments, StatefulSets, ReplicaSets) of an environment. */
export function replicatedWorkloads(objects: EnvironmentObjects): Workload[] {
  return objects.workloads().filter((w) => REPLICATED_KINDS.has(w.object.kind));
}

/** The PodDisruptionBudgets of the workload's namespace that select its pods. */
export function budgetsCovering(objects: EnvironmentObjects, workload: Workload): readonly Manifest[] {
  return objects.selecting('PodDisruptionBudget', workload.namespace, workload.pod.labels);
}

/**
 * Pods a budget lets a drain evict at once when `replicas` are healthy, rounding percentages as
 * the disruption controller does (up for both fields). Undefined when the budget sets neither field.
 */
export function allowedDisruptions(pdb: Manifest, replicas: number): number | undefined {
  const { minAvailable, maxUnavailable } = specOf(pdb);
  if (maxUnavailable !== undefined) return Math.max(0, Math.min(replicas, scaled(maxUnavailable, replicas)));
  if (minAvailable !== undefined) return Math.max(0, replicas - scaled(minAvailable, replicas));
  return undefined;
}

/** `minAvailable: 2` or `maxUnavailable: 25%`, for messages. */
export function describeBudget(pdb: Manifest): string {
  const { minAvailable, maxUnavailable } = specOf(pdb);
  return maxUnavailable !== undefined ? `maxUnavailable: ${maxUnavailable}` : `minAvailable: ${minAvailable}`;
}

function scaled(value: IntOrString, replicas: number): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (percent) return Math.ceil((replicas * Number(percent[1])) / 100);
  return Number.isNaN(Number(value)) ? 0 : Number(value);
}

function specOf(pdb: Manifest): PodDisruptionBudgetSpec {
  return (pdb as { spec?: PodDisruptionBudgetSpec }).spec ?? {};
}
