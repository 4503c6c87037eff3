/**
 * Batch jobs and GPUs: what an app asks for (a GPU count and type, spot capacity, a queue), what
 * an environment offers (GPU node pools by type, a spot pool, a Kueue queue), and both resolved.
 */

/** GPUs of one type for every pod of a batch job. */
export interface GpuRequest {
  /** GPUs per pod (`nvidia.com/gpu`, requested and limited alike). */
  readonly count: number;
  /** A GPU type the environment offers in `gpus`, e.g. 'a100'. */
  readonly type: string;
}

/** A node taint that keeps other pods off a node pool; the pods meant for the pool tolerate it. */
export interface NodeTaint {
  readonly key: string;
  /** @default - any value (the toleration uses `operator: Exists`) */
  readonly value?: string;
  /** @default 'NoSchedule' */
  readonly effect?: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

/** A node pool with GPUs of one type. */
export interface EnvironmentGpu {
  /** Labels of the pool's nodes, e.g. `{ 'cloud.google.com/gke-accelerator': 'nvidia-tesla-a100' }`. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** @default - the platform's: `nvidia.com/gpu` (NoSchedule), as GPU node pools are usually tainted */
  readonly taint?: NodeTaint;
}

/** Spot (preemptible) capacity: cheaper nodes the cloud may reclaim at any time. */
export interface EnvironmentSpot {
  /** The label of spot nodes, e.g. `{ key: 'cloud.google.com/gke-spot', value: 'true' }`. */
  readonly nodeLabel: { readonly key: string; readonly value: string };
  /** @default - none (the spot nodes are not tainted) */
  readonly taint?: NodeTaint;
}

/** Kueue admits the environment's batch jobs from a LocalQueue in each team namespace. */
export interface EnvironmentKueue {
  /** The LocalQueue a batch job joins unless it names another, e.g. 'batch'. */
  readonly defaultQueue: string;
  /** Other LocalQueues apps may name with `queue`. @default - none besides defaultQueue */
  readonly queues?: readonly string[];
}

/** The environment's batch settings, resolved. */
export interface ResolvedBatchSettings {
  /** GPU type -> the labels of its nodes and the toleration of their taint. */
  readonly gpus: Readonly<Record<string, { readonly nodeSelector: Readonly<Record<string, string>>; readonly toleration: ResolvedToleration }>>;
  readonly spot?: { readonly nodeLabel: { readonly key: string; readonly value: string }; readonly toleration?: ResolvedToleration };
  readonly kueue?: { readonly defaultQueue: string; readonly queues: readonly string[] };
  /** The extended resource name of a GPU. */
  readonly gpuResource: string;
}

/** A toleration as the pod spec writes it. */
export interface ResolvedToleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

/** A batch job's Job, every value explicit. */
export interface ResolvedJob {
  /** `<app>-<release>`: a new release runs a new Job; the same release is the same Job. */
  readonly jobName: string;
  readonly parallelism: number;
  readonly completions: number;
  readonly completionMode: 'NonIndexed' | 'Indexed';
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
  /** Pods that fail because they were disrupted (preempted, reclaimed, drained) do not count against backoffLimit. */
  readonly ignoreDisruptions: boolean;
  /** The Kueue LocalQueue; the Job starts suspended and Kueue admits it. */
  readonly queue?: string;
  readonly gpu?: { readonly count: number; readonly type: string; readonly resource: string };
  readonly spot: boolean;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly ResolvedToleration[];
  /** Required node affinity: the spot label. */
  readonly requiredNodeLabels: Readonly<Record<string, string>>;
  /** Size of the in-memory /dev/shm. */
  readonly sharedMemory?: string;
}
