import { CapacityTotals, subtractTotals, totalCapacity } from '../capacity-totals';
import { formatCount, formatGib, formatVcpu, gib, signed, vcpu } from '../capacity-units';
import { manifestsIn, RenderedTree } from '../rendered-tree';
import { WorkloadCapacity, workloadCapacities } from '../workload-capacity';
import { ReviewInput, RiskFlag } from './risk-flag';

/** The capacity of one environment of a tree: its workloads and their totals. */
export interface EnvironmentCapacity {
  readonly workloads: readonly WorkloadCapacity[];
  readonly totals: CapacityTotals;
  readonly notes: readonly string[];
}

export function capacityOfTree(tree: RenderedTree, environment: string): EnvironmentCapacity {
  const { workloads, notes } = workloadCapacities(manifestsIn(tree, environment));
  return { workloads, totals: totalCapacity(workloads), notes };
}

/**
 * Capacity: per environment whose requests change, the change in CPU and memory requests times
 * replicas, at the autoscalers' minimum and at their maximum, with one detail line per workload
 * behind it (replicas, HPA bounds, requests per pod).
 */
export function capacityRisks({ before, after, diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const environment of diff.environments) {
    const [b, a] = [capacityOfTree(before, environment), capacityOfTree(after, environment)];
    const delta = subtractTotals(a.totals, b.totals);
    const { cpu, memory } = delta.requests;
    const gpus = delta.gpus;
    const gpuChange = gpus.min !== 0 || gpus.max !== 0;
    if ([cpu.min, cpu.max].every((v) => vcpu(v) === 0) && [memory.min, memory.max].every((v) => gib(v) === 0) && !gpuChange) continue;
    const details = workloadChanges(b.workloads, a.workloads);
    const now = `now ${formatVcpu(a.totals.requests.cpu)}, ${formatGib(a.totals.requests.memory)}`;
    flags.push({
      family: 'capacity',
      rule: 'capacity/requests',
      environment,
      message:
        `requests ${signed(cpu.min, 'vCPU')}, ${signed(memory.min, 'GiB')} at min; ${signed(cpu.max, 'vCPU')}, ${signed(memory.max, 'GiB')} at max (${now})` +
        (gpuChange ? `; GPUs ${signed(gpus.min, 'GPU')} at min, ${signed(gpus.max, 'GPU')} at max (now ${formatCount(a.totals.gpus)})` : ''),
      details,
    });
  }
  return flags;
}

/** One line per workload added, removed, or with other replicas or requests per pod. */
function workloadChanges(before: readonly WorkloadCapacity[], after: readonly WorkloadCapacity[]): string[] {
  const old = new Map(before.map((w) => [w.id, w]));
  const fresh = new Map(after.map((w) => [w.id, w]));
  const ids = [...new Set([...old.keys(), ...fresh.keys()])].sort();
  const lines: string[] = [];
  for (const id of ids) {
    const [b, a] = [old.get(id), fresh.get(id)];
    if (!b) lines.push(`${id}: new, ${shape(a!)}`);
    else if (!a) lines.push(`${id}: removed, was ${shape(b)}`);
    else {
      const changes: string[] = [];
      if (b.replicas.min !== a.replicas.min || b.replicas.max !== a.replicas.max) changes.push(`pods ${pods(b)} -> ${pods(a)}`);
      if (b.podRequests.cpu !== a.podRequests.cpu || b.podRequests.memory !== a.podRequests.memory)
        changes.push(`requests per pod ${perPod(b)} -> ${perPod(a)}`);
      if (b.podGpus !== a.podGpus) changes.push(`GPUs per pod ${b.podGpus} -> ${a.podGpus}`);
      if (changes.length > 0) lines.push(`${id}: ${changes.join('; ')}`);
    }
  }
  return lines;
}

function pods(w: WorkloadCapacity): string {
  return w.replicas.min === w.replicas.max ? String(w.replicas.min) : `${w.replicas.min}..${w.replicas.max}`;
}

function perPod(w: WorkloadCapacity): string {
  return `${formatVcpu(w.podRequests.cpu)}, ${formatGib(w.podRequests.memory)}${w.podGpus > 0 ? `, ${w.podGpus} GPU` : ''}`;
}

function shape(w: WorkloadCapacity): string {
  return `${pods(w)} pod${w.replicas.max === 1 ? '' : 's'} x ${perPod(w)}`;
}
