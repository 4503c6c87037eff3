import { NodeTaint, ResolvedBatchSettings, ResolvedToleration } from '../model/batch';
import { Environment } from '../model/environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { Provenance } from './provenance';

/** The environment's GPU pools, spot capacity and Kueue queues, with the platform's GPU taint where a pool names none. */
export function resolveBatchSettings(env: Environment, prov: Provenance): ResolvedBatchSettings {
  const d = PLATFORM_DEFAULTS.batch;
  const gpus: Record<string, ResolvedBatchSettings['gpus'][string]> = {};
  for (const type of Object.keys(env.gpus ?? {}).sort()) {
    const pool = env.gpus?.[type];
    if (!pool) continue;
    const taint = prov.pick<NodeTaint>(`gpus.${type}.taint`, ['platform', d.gpuTaint], ['environment', pool.taint]);
    gpus[type] = { nodeSelector: { ...pool.nodeSelector }, toleration: toleration(taint) };
  }
  const gpuResource: string = d.gpuResource;
  const spot = env.spot && {
    nodeLabel: { ...env.spot.nodeLabel },
    ...(env.spot.taint ? { toleration: toleration(env.spot.taint) } : {}),
  };
  if (spot) prov.record('spot', 'environment', spot);
  const kueue = env.kueue && { defaultQueue: env.kueue.defaultQueue, queues: [env.kueue.defaultQueue, ...(env.kueue.queues ?? [])] };
  if (kueue) prov.record('kueue', 'environment', kueue);
  return { gpus, gpuResource, ...(spot ? { spot } : {}), ...(kueue ? { kueue } : {}) };
}

/** Tolerates the taint: its value exactly when it has one, any value otherwise. */
function toleration(taint: NodeTaint): ResolvedToleration {
  const effect = taint.effect ?? 'NoSchedule';
  return taint.value !== undefined ? { key: taint.key, operator: 'Equal', value: taint.value, effect } : { key: taint.key, operator: 'Exists', effect };
}
