import { Range, WorkloadCapacity } from './workload-capacity';

/** Requests and limits times replicas, summed over workloads. CPU in cores, memory in bytes. */
export interface CapacityTotals {
  readonly workloads: number;
  readonly pods: Range;
  readonly requests: { readonly cpu: Range; readonly memory: Range };
  /** Sum of the limits that are set; see `unlimited` for the workloads left out. */
  readonly limits: { readonly cpu: Range; readonly memory: Range };
  /** Workloads with a container that sets no limit for the resource: their pods may use any idle capacity. */
  readonly unlimited: { readonly cpu: number; readonly memory: number };
  /** GPUs (any vendor's) times replicas. */
  readonly gpus: Range;
}

export const ZERO_TOTALS: CapacityTotals = {
  workloads: 0,
  pods: { min: 0, max: 0 },
  requests: { cpu: { min: 0, max: 0 }, memory: { min: 0, max: 0 } },
  limits: { cpu: { min: 0, max: 0 }, memory: { min: 0, max: 0 } },
  unlimited: { cpu: 0, memory: 0 },
  gpus: { min: 0, max: 0 },
};

/** One workload's totals: per pod times min and max replicas. */
export function workloadTotals(w: WorkloadCapacity): CapacityTotals {
  const times = (perPod: number | undefined): Range => ({ min: (perPod ?? 0) * w.replicas.min, max: (perPod ?? 0) * w.replicas.max });
  return {
    workloads: 1,
    pods: w.replicas,
    requests: { cpu: times(w.podRequests.cpu), memory: times(w.podRequests.memory) },
    limits: { cpu: times(w.podLimits.cpu), memory: times(w.podLimits.memory) },
    unlimited: { cpu: w.podLimits.cpu === undefined ? 1 : 0, memory: w.podLimits.memory === undefined ? 1 : 0 },
    gpus: times(w.podGpus),
  };
}

export function totalCapacity(workloads: readonly WorkloadCapacity[]): CapacityTotals {
  return workloads.map(workloadTotals).reduce(addTotals, ZERO_TOTALS);
}

/** Totals per team, teams in alphabetical order. */
export function capacityByTeam(workloads: readonly WorkloadCapacity[]): Map<string, CapacityTotals> {
  const teams = [...new Set(workloads.map((w) => w.team))].sort();
  return new Map(teams.map((team) => [team, totalCapacity(workloads.filter((w) => w.team === team))]));
}

export function addTotals(a: CapacityTotals, b: CapacityTotals): CapacityTotals {
  const add = (x: Range, y: Range): Range => ({ min: x.min + y.min, max: x.max + y.max });
  return {
    workloads: a.workloads + b.workloads,
    pods: add(a.pods, b.pods),
    requests: { cpu: add(a.requests.cpu, b.requests.cpu), memory: add(a.requests.memory, b.requests.memory) },
    limits: { cpu: add(a.limits.cpu, b.limits.cpu), memory: add(a.limits.memory, b.limits.memory) },
    unlimited: { cpu: a.unlimited.cpu + b.unlimited.cpu, memory: a.unlimited.memory + b.unlimited.memory },
    gpus: add(a.gpus, b.gpus),
  };
}

/** after - before, field by field. */
export function subtractTotals(after: CapacityTotals, before: CapacityTotals): CapacityTotals {
  const sub = (x: Range, y: Range): Range => ({ min: x.min - y.min, max: x.max - y.max });
  return {
    workloads: after.workloads - before.workloads,
    pods: sub(after.pods, before.pods),
    requests: { cpu: sub(after.requests.cpu, before.requests.cpu), memory: sub(after.requests.memory, before.requests.memory) },
    limits: { cpu: sub(after.limits.cpu, before.limits.cpu), memory: sub(after.limits.memory, before.limits.memory) },
    unlimited: { cpu: after.unlimited.cpu - before.unlimited.cpu, memory: after.unlimited.memory - before.unlimited.memory },
    gpus: sub(after.gpus, before.gpus),
  };
}
