import { CapacityTotals } from './capacity-totals';
import { gib, vcpu } from './capacity-units';
import { Range } from './workload-capacity';

/** Capacity totals for machines: CPU in vCPU, memory in GiB, each as { min, max }. */
export interface CapacityJson {
  readonly workloads: number;
  readonly pods: Range;
  readonly requests: { readonly vcpu: Range; readonly gib: Range };
  readonly limits: { readonly vcpu: Range; readonly gib: Range };
  /** Workloads with a container that sets no limit: their limits are not in `limits`. */
  readonly withoutLimit: { readonly cpu: number; readonly memory: number };
  /** GPUs times replicas. */
  readonly gpus: Range;
}

export function capacityJson(t: CapacityTotals): CapacityJson {
  const cpu = (r: Range): Range => ({ min: vcpu(r.min), max: vcpu(r.max) });
  const mem = (r: Range): Range => ({ min: gib(r.min), max: gib(r.max) });
  return {
    workloads: t.workloads,
    pods: t.pods,
    requests: { vcpu: cpu(t.requests.cpu), gib: mem(t.requests.memory) },
    limits: { vcpu: cpu(t.limits.cpu), gib: mem(t.limits.memory) },
    withoutLimit: t.unlimited,
    gpus: t.gpus,
  };
}
