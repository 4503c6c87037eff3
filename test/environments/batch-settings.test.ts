import { resolveEnvironment } from '../../lib/environments/resolve-environment';
import { Problems } from '../../lib/internal/errors';
import { testEnvironment } from '../helpers';

const problemsOf = (overrides: Parameters<typeof testEnvironment>[0]) => {
  const problems = new Problems();
  resolveEnvironment(testEnvironment(overrides), problems);
  return problems.all.map((p) => `${p.code} ${p.field} ${JSON.stringify(p.value)}`);
};

describe('the batch settings of an environment', () => {
  test('resolve GPU pools with the platform taint unless the pool names its own, spot and Kueue', () => {
    const problems = new Problems();
    const env = resolveEnvironment(
      testEnvironment({
        gpus: { a100: { nodeSelector: { 'example.com/gpu': 'a100' } }, t4: { nodeSelector: { 'example.com/gpu': 't4' }, taint: { key: 'gpu', value: 't4' } } },
        spot: { nodeLabel: { key: 'example.com/spot', value: 'true' } },
        kueue: { defaultQueue: 'batch', queues: ['urgent'] },
      }),
      problems,
    );
    expect(problems.all).toEqual([]);
    expect(env.batch).toEqual({
      gpus: {
        a100: { nodeSelector: { 'example.com/gpu': 'a100' }, toleration: { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' } },
        t4: { nodeSelector: { 'example.com/gpu': 't4' }, toleration: { key: 'gpu', operator: 'Equal', value: 't4', effect: 'NoSchedule' } },
      },
      gpuResource: 'nvidia.com/gpu',
      spot: { nodeLabel: { key: 'example.com/spot', value: 'true' } },
      kueue: { defaultQueue: 'batch', queues: ['batch', 'urgent'] },
    });
    expect([env.provenance['gpus.a100.taint'], env.provenance['gpus.t4.taint']]).toEqual(['platform', 'environment']);
  });

  test('are empty where the environment declares none', () => {
    expect(resolveEnvironment(testEnvironment(), new Problems()).batch).toEqual({ gpus: {}, gpuResource: 'nvidia.com/gpu' });
  });

  test('reject a GPU pool without a node selector, bad labels, a bad taint effect and a bad queue name, located', () => {
    expect(
      problemsOf({
        gpus: { a100: { nodeSelector: {} }, t4: { nodeSelector: { 'bad key!': 'x' }, taint: { key: 'nvidia.com/gpu', effect: 'Never' as never } } },
        spot: { nodeLabel: { key: 'example.com/spot', value: 'not a value' } },
        kueue: { defaultQueue: 'Batch_Queue' },
      }),
    ).toEqual([
      'E_GPU_POOL gpus.a100.nodeSelector null',
      'E_GPU_POOL gpus.t4.nodeSelector.bad key! "bad key!"',
      'E_GPU_POOL gpus.t4.taint.effect "Never"',
      'E_SPOT spot.nodeLabel.example.com/spot "not a value"',
      'E_KUEUE kueue.defaultQueue "Batch_Queue"',
    ]);
  });
});
