import { Problems } from '../internal/errors';
import { isLabelValue, nameProblem, qualifiedNameProblem } from '../internal/names';
import { NodeTaint } from '../model/batch';
import { Environment } from '../model/environment';

const TAINT_EFFECTS = ['NoSchedule', 'NoExecute', 'PreferNoSchedule'];

/**
 * Checks an environment's `gpus`, `spot` and `kueue` once, against apps/environments.ts: a bad node
 * label or queue name would be rejected by the API server, or leave every batch job unschedulable.
 */
export function checkEnvironmentBatch(env: Environment, problems: Problems): void {
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  const label = (code: string, field: string, key: string, value: string) => {
    const problem = qualifiedNameProblem(key);
    if (problem)
      at.add({
        code,
        field: `${field}.${key}`,
        value: key,
        message: `is not a valid label key: it ${problem}`,
        fix: "e.g. 'cloud.google.com/gke-accelerator'",
      });
    if (typeof value !== 'string' || !isLabelValue(value)) {
      at.add({
        code,
        field: `${field}.${key}`,
        value,
        message: 'is not a valid label value',
        fix: "at most 63 of letters, digits, '-', '_' and '.', e.g. 'nvidia-tesla-a100'",
      });
    }
  };
  const taint = (code: string, field: string, t: NodeTaint | undefined) => {
    if (t === undefined) return;
    if (qualifiedNameProblem(t.key)) at.add({ code, field: `${field}.key`, value: t.key, message: 'is not a valid taint key', fix: "e.g. 'nvidia.com/gpu'" });
    if (t.effect !== undefined && !TAINT_EFFECTS.includes(t.effect)) {
      at.add({ code, field: `${field}.effect`, value: t.effect, message: `must be one of ${TAINT_EFFECTS.join(', ')}`, fix: "e.g. 'NoSchedule'" });
    }
  };
  for (const [type, pool] of Object.entries(env.gpus ?? {})) {
    const problem = nameProblem(type);
    if (problem)
      at.add({
        code: 'E_GPU_POOL',
        field: `gpus.${type}`,
        value: type,
        message: `is not a GPU type name: it ${problem}`,
        fix: "use a short lowercase name, e.g. 'a100'",
      });
    const selector = Object.entries(pool.nodeSelector ?? {});
    if (selector.length === 0) {
      at.add({
        code: 'E_GPU_POOL',
        field: `gpus.${type}.nodeSelector`,
        value: null,
        message: "is empty: the type's jobs would land on any node",
        fix: "name the label of the pool's nodes, e.g. { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-a100' }",
      });
    }
    for (const [key, value] of selector) label('E_GPU_POOL', `gpus.${type}.nodeSelector`, key, value);
    taint('E_GPU_POOL', `gpus.${type}.taint`, pool.taint);
  }
  if (env.spot) {
    label('E_SPOT', 'spot.nodeLabel', env.spot.nodeLabel.key, env.spot.nodeLabel.value);
    taint('E_SPOT', 'spot.taint', env.spot.taint);
  }
  if (env.kueue) {
    for (const [field, queue] of [['kueue.defaultQueue', env.kueue.defaultQueue], ...(env.kueue.queues ?? []).map((q, i) => [`kueue.queues[${i}]`, q])]) {
      const problem = nameProblem(queue);
      if (problem) at.add({ code: 'E_KUEUE', field, value: queue, message: `is not a LocalQueue name: it ${problem}`, fix: "e.g. 'batch'" });
    }
  }
}
