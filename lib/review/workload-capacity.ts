import { LABEL } from '../internal/labels';
import { parseQuantity } from '../internal/quantity';
import { Manifest, manifestId } from '../manifest/manifest';
import { EnvironmentObjects } from '../manifest/environment-objects';
import { Container } from '../manifest/k8s-types';
import { gpuResources } from '../manifest/gpu-resources';

/** The label Kueue reads: a suspended Job with it is waiting for admission, not switched off. */
const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

/** A count or an amount that autoscaling (or a scheduled run) moves between two bounds. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** CPU in cores (vCPU) and memory in bytes. */
export interface Amount {
  readonly cpu: number;
  readonly memory: number;
}

/** What one workload reserves: its pods' requests and limits times its replicas. */
export interface WorkloadCapacity {
  /** `Deployment shop/storefront`. */
  readonly id: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The `team` label, or the namespace when there is none. */
  readonly team: string;
  /** Pods: the autoscaler's bounds, the fixed count, or 0..parallelism for scheduled tasks. */
  readonly replicas: Range;
  /** One pod's requests (the scheduler's view: containers and sidecars, or the largest init container). */
  readonly podRequests: Amount;
  /** One pod's limits; a resource is absent when a container sets no limit for it (unbounded). */
  readonly podLimits: Partial<Amount>;
  /** GPUs of one pod, of any vendor (`<vendor>/gpu`): a GPU's request always equals its limit. */
  readonly podGpus: number;
}

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const RUN_TO_COMPLETION = new Set(['CronJob', 'Job']);

/**
 * The capacity of every workload among one environment's objects. Long-running workloads count
 * their replicas (the HorizontalPodAutoscaler's min..max when one targets them); CronJobs and Jobs
 * count 0 at min and their parallelism at max (while a run is active), 0..0 when suspended (but a
 * Job waiting in a Kueue queue, suspended until Kueue admits it, counts 0..parallelism).
 * DaemonSets run one pod per node, which the tree does not know: they are left out with a note.
 */
export function workloadCapacities(manifests: readonly Manifest[]): { workloads: WorkloadCapacity[]; notes: string[] } {
  const objects = new EnvironmentObjects(manifests);
  const workloads: WorkloadCapacity[] = [];
  const notes: string[] = [];
  for (const { object, namespace, pod } of objects.workloads()) {
    const id = manifestId(object);
    const replicas = replicasOf(object, objects);
    if (!replicas) {
      notes.push(`${id}: not counted (a ${object.kind} runs one pod per node)`);
      continue;
    }
    const containers = pod.spec.containers ?? [];
    const inits = pod.spec.initContainers ?? [];
    const sidecars = inits.filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always');
    const plainInits = inits.filter((c) => !sidecars.includes(c));
    const amount = (field: 'requests' | 'limits', resource: 'cpu' | 'memory', c: Container): number | undefined => {
      const raw = c.resources?.[field]?.[resource];
      if (raw === undefined) return undefined;
      const parsed = parseQuantity(String(raw), resource === 'cpu' ? 'cpu' : 'bytes');
      if ('value' in parsed) return parsed.value;
      notes.push(`${id}: container '${c.name}' ${field}.${resource} '${raw}' ${parsed.problem}; counted as 0`);
      return 0;
    };
    const podAmount = (field: 'requests' | 'limits', resource: 'cpu' | 'memory'): number | undefined => {
      const running = [...containers, ...sidecars].map((c) => amount(field, resource, c));
      if (field === 'limits' && running.some((v) => v === undefined)) return undefined;
      const sidecarSum = sidecars.reduce((sum, c) => sum + (amount(field, resource, c) ?? 0), 0);
      const steady = running.reduce<number>((sum, v) => sum + (v ?? 0), 0);
      const init = Math.max(0, ...plainInits.map((c) => (amount(field, resource, c) ?? 0) + sidecarSum));
      return Math.max(steady, init);
    };
    const cpuLimit = podAmount('limits', 'cpu');
    const memoryLimit = podAmount('limits', 'memory');
    workloads.push({
      id,
      kind: object.kind,
      namespace,
      name: object.metadata.name,
      team: (object.metadata as { labels?: Record<string, string> }).labels?.[LABEL.team] ?? namespace,
      replicas,
      podRequests: { cpu: podAmount('requests', 'cpu') ?? 0, memory: podAmount('requests', 'memory') ?? 0 },
      podGpus: [...containers, ...sidecars].reduce((sum, c) => sum + gpusOf(c), 0),
      podLimits: { ...(cpuLimit !== undefined ? { cpu: cpuLimit } : {}), ...(memoryLimit !== undefined ? { memory: memoryLimit } : {}) },
    });
  }
  return { workloads, notes };
}

function replicasOf(object: Manifest, objects: EnvironmentObjects): Range | undefined {
  const spec = (object as { spec?: Record<string, unknown> }).spec ?? {};
  if (REPLICATED.has(object.kind)) {
    const hpa = objects.autoscalerOf(object) as { spec?: { minReplicas?: number; maxReplicas?: number } } | undefined;
    if (hpa) {
      const min = hpa.spec?.minReplicas ?? 1;
      return { min, max: hpa.spec?.maxReplicas ?? min };
    }
    const count = typeof spec.replicas === 'number' ? spec.replicas : 1;
    return { min: count, max: count };
  }
  if (RUN_TO_COMPLETION.has(object.kind)) {
    const job = object.kind === 'CronJob' ? ((spec.jobTemplate as { spec?: Record<string, unknown> } | undefined)?.spec ?? {}) : spec;
    const queued = (object.metadata as { labels?: Record<string, string> }).labels?.[KUEUE_QUEUE_LABEL] !== undefined;
    if (spec.suspend === true && !queued) return { min: 0, max: 0 };
    return { min: 0, max: typeof job.parallelism === 'number' ? job.parallelism : 1 };
  }
  if (object.kind === 'Pod') return { min: 1, max: 1 };
  return undefined;
}

/** A container's GPUs: its limit of each GPU resource (the request, where only that is set). */
function gpusOf(c: Container): number {
  return gpuResources(c).reduce((sum, r) => {
    const n = Number(c.resources?.limits?.[r] ?? c.resources?.requests?.[r]);
    return sum + (Number.isFinite(n) ? n : 0);
  }, 0);
}
