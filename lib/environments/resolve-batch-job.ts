import { parseQuantity } from '../internal/quantity';
import { ResolvedJob, ResolvedToleration } from '../model/batch';
import { ResolvedResources } from '../model/resolved-pod';
import { ResolvedVolume } from '../model/resolved-volume';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { isNonNegativeInt, isPositiveInt, overrideField, ResolveContext } from './resolve-context';

/** The longest release part of a Job's name (`<app>-<release>`): JOB_APP_NAME_MAX + 1 + 15 leaves room for an Indexed pod's suffix. */
const RELEASE_PART_MAX = 15;

export interface BatchJobInput {
  /** The release's tag, when it is a label value. */
  readonly version?: string;
  readonly image: string;
  readonly resources: ResolvedResources;
  readonly volumes: readonly ResolvedVolume[];
}

/**
 * A batch job's Job: its counts and deadlines, its GPUs and where they are, spot capacity, shared
 * memory and its Kueue queue. Every combination the environment cannot serve is a located error.
 */
export function resolveBatchJob(ctx: ResolveContext, input: BatchJobInput): ResolvedJob | undefined {
  const { def, env, override, prov, problems } = ctx;
  if (def.kind !== 'batch-job') return undefined;
  const d = PLATFORM_DEFAULTS.batch;
  const count = (field: 'parallelism' | 'completions' | 'activeDeadlineSeconds') => {
    const value = prov.pick(field, ['platform', d[field]], ['app', def[field]]);
    if (!isPositiveInt(value)) problems.add({ code: 'E_BATCH_COUNT', field, value, message: 'must be a whole number greater than 0', fix: `e.g. ${d[field]}` });
    return value;
  };
  const parallelism = count('parallelism');
  const completions = count('completions');
  const activeDeadlineSeconds = count('activeDeadlineSeconds');
  const backoffLimit = prov.pick('backoffLimit', ['platform', d.backoffLimit], ['app', def.backoffLimit]);
  if (!isNonNegativeInt(backoffLimit)) {
    problems.add({ code: 'E_BACKOFF', field: 'backoffLimit', value: backoffLimit, message: 'must be a whole number of at least 0', fix: 'e.g. 3' });
  }
  const completionMode = prov.pick<'NonIndexed' | 'Indexed'>('completionMode', ['platform', d.completionMode], ['app', def.completionMode]);
  if (completionMode !== 'NonIndexed' && completionMode !== 'Indexed') {
    problems.add({
      code: 'E_COMPLETION_MODE',
      field: 'completionMode',
      value: completionMode,
      message: "must be 'NonIndexed' or 'Indexed'",
      fix: "use 'Indexed' to shard the work by pod index",
    });
  }
  const ignoreDisruptions = prov.pick('ignoreDisruptions', ['platform', d.ignoreDisruptions as boolean]);

  const tolerations: ResolvedToleration[] = [];
  let nodeSelector: Readonly<Record<string, string>> = {};
  let gpu: ResolvedJob['gpu'];
  const requested = override.gpu ?? def.gpu;
  const gpuField = (name: string) => overrideField(ctx, name, override.gpu !== undefined);
  if (requested !== undefined) {
    const { count: gpus, type } = requested;
    if (!isPositiveInt(gpus))
      problems.add({ code: 'E_GPU_COUNT', field: gpuField('gpu.count'), value: gpus, message: 'must be a whole number greater than 0', fix: 'e.g. 1' });
    const pool = env.batch.gpus[type];
    const offered = Object.keys(env.batch.gpus);
    if (!pool) {
      problems.add({
        code: 'E_GPU_TYPE',
        field: gpuField('gpu.type'),
        value: type,
        message: offered.length
          ? `is not a GPU type of this environment (it has ${offered.map((t) => `'${t}'`).join(', ')})`
          : 'is not offered: this environment has no GPU nodes',
        fix: offered.length
          ? `use one of ${offered.join(', ')}, or add '${type}' to the environment's gpus in apps/environments.ts`
          : 'add gpus to the environment in apps/environments.ts, or run the job without gpu',
      });
    } else {
      nodeSelector = prov.pick('gpu.nodeSelector', ['environment', pool.nodeSelector]);
      tolerations.push(pool.toleration);
    }
    // A GPU node holds a few large pods: unbounded CPU or memory on one starves the others' GPUs.
    for (const limit of ['cpuLimit', 'memoryLimit'] as const) {
      if (def.resources?.[limit] === undefined && override.resources?.[limit] === undefined) {
        problems.add({
          code: 'E_GPU_LIMITS',
          field: `resources.${limit}`,
          message: 'is not set: a GPU job must set its CPU and memory limits',
          fix: `set resources.${limit}, e.g. ${limit === 'cpuLimit' ? "'8'" : "'64Gi'"} (what one GPU's share of the node allows)`,
        });
      }
    }
    gpu = prov.pick('gpu', [override.gpu ? 'override' : 'app', { count: gpus, type, resource: env.batch.gpuResource }]);
  }

  const spot = prov.pick('spot', ['platform', false], ['app', def.spot], ['override', override.spot]);
  const spotField = overrideField(ctx, 'spot', override.spot !== undefined);
  let requiredNodeLabels: Readonly<Record<string, string>> = {};
  if (spot) {
    if (!env.batch.spot) {
      problems.add({
        code: 'E_SPOT_UNAVAILABLE',
        field: spotField,
        value: true,
        message: 'asks for spot capacity, which this environment does not offer',
        fix: 'add spot to the environment in apps/environments.ts, or remove spot',
      });
    } else {
      requiredNodeLabels = { [env.batch.spot.nodeLabel.key]: env.batch.spot.nodeLabel.value };
      if (env.batch.spot.toleration) tolerations.push(env.batch.spot.toleration);
    }
    if (!input.volumes.some((v) => v.kind === 'persistent')) {
      problems.add({
        code: 'E_SPOT_CHECKPOINT',
        field: spotField,
        value: true,
        message: 'needs a persistent volume to checkpoint into: a reclaimed spot pod would start over',
        fix: "add volumes: { checkpoints: Volume.persistent({ path: '/checkpoints', size: '50Gi' }) } and save progress there",
      });
    }
  }

  const sharedMemory = prov.pickOptional('sharedMemory', ['app', def.sharedMemory]);
  if (sharedMemory !== undefined) {
    const size = typeof sharedMemory === 'string' ? parseQuantity(sharedMemory, 'bytes') : undefined;
    const limit = input.resources.limits.memory;
    const parsedLimit = limit === undefined ? undefined : parseQuantity(limit, 'bytes');
    if (!size || !('value' in size)) {
      problems.add({
        code: 'E_SHARED_MEMORY',
        field: 'sharedMemory',
        value: sharedMemory,
        message: 'is not a Kubernetes quantity of bytes',
        fix: "e.g. '8Gi'",
      });
    } else if (parsedLimit && 'value' in parsedLimit && size.value >= parsedLimit.value) {
      // /dev/shm is RAM charged to the container: as large as the limit, the process has nothing left.
      problems.add({
        code: 'E_SHARED_MEMORY',
        field: 'sharedMemory',
        value: sharedMemory,
        message: `is not below the memory limit (${limit}), which it counts against`,
        fix: 'raise resources.memoryLimit (and resources.memory), or use less shared memory',
      });
    }
  }

  const queue = resolveQueue(ctx);
  return {
    jobName: `${def.name}-${releasePart(input.version, input.image)}`,
    parallelism,
    completions,
    completionMode,
    backoffLimit,
    activeDeadlineSeconds,
    ignoreDisruptions,
    ...(queue !== undefined ? { queue } : {}),
    ...(gpu ? { gpu } : {}),
    spot,
    nodeSelector,
    tolerations,
    requiredNodeLabels,
    ...(sharedMemory !== undefined ? { sharedMemory } : {}),
  };
}

/** The Kueue LocalQueue: the app's, else the environment's default; none where the environment runs no Kueue. */
function resolveQueue(ctx: ResolveContext): string | undefined {
  const { def, env, prov, problems } = ctx;
  if (def.kind !== 'batch-job') return undefined;
  const kueue = env.batch.kueue;
  if (!kueue) {
    if (def.queue !== undefined) {
      problems.add({
        code: 'E_QUEUE_NO_KUEUE',
        field: 'queue',
        value: def.queue,
        message: 'names a Kueue queue, but this environment runs no Kueue',
        fix: 'remove queue, or add kueue to the environment in apps/environments.ts',
      });
    }
    return undefined;
  }
  const queue = prov.pick('queue', ['environment', kueue.defaultQueue], ['app', def.queue]);
  if (!kueue.queues.includes(queue)) {
    problems.add({
      code: 'E_QUEUE',
      field: 'queue',
      value: queue,
      message: `is not a queue of this environment (it has ${kueue.queues.map((q) => `'${q}'`).join(', ')})`,
      fix: `use one of ${kueue.queues.join(', ')}, or leave queue out for '${kueue.defaultQueue}'`,
    });
  }
  return queue;
}

/** The release as a name part: the tag, lowercased, other characters as '-'; a digest-only image its first 12 hex digits. */
function releasePart(version: string | undefined, image: string): string {
  const digest = /@sha256:([0-9a-f]{12})/.exec(image)?.[1];
  const raw = version ?? digest ?? 'unreleased';
  const part = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, RELEASE_PART_MAX)
    .replace(/^-+|-+$/g, '');
  return part || 'unreleased';
}
