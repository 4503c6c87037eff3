import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { Volume } from '../../lib/model/volume';
import { batchDef, GPU_POOLS, resolve, testEnvironment } from '../helpers';
import { LIB, tempRepo } from '../fixtures/temp-repo';
import { expectOnlyProblem, expectProblem } from './expect-problem';

const GPU_ENV = testEnvironment({ gpus: GPU_POOLS });
const LIMITS = { cpuLimit: '8', memoryLimit: '32Gi' };
const CHECKPOINTS = { checkpoints: Volume.persistent({ path: '/checkpoints', size: '10Gi' }) };

describe('resolveBatchJob', () => {
  test('resolves every default explicitly, naming the Job after the release', () => {
    expect(resolve(batchDef()).job).toEqual({
      jobName: 'training-3-1-0',
      parallelism: 1,
      completions: 1,
      completionMode: 'NonIndexed',
      backoffLimit: 3,
      activeDeadlineSeconds: 86400,
      ignoreDisruptions: true,
      spot: false,
      nodeSelector: {},
      tolerations: [],
      requiredNodeLabels: {},
    });
  });

  test('records where the GPUs and the queue came from, for platform explain', () => {
    const env = testEnvironment({ gpus: GPU_POOLS, kueue: { defaultQueue: 'batch' } });
    const app = resolve(batchDef({ gpu: { count: 1, type: 'a100' }, resources: LIMITS }), env);
    expect([app.provenance.gpu, app.provenance.queue, app.provenance.backoffLimit]).toEqual(['app', 'environment', 'platform']);
  });

  test('a GPU job without CPU and memory limits is rejected, both named', () => {
    const fn = () => resolve(batchDef({ gpu: { count: 1, type: 'a100' } }), GPU_ENV);
    expectProblem(fn, {
      code: 'E_GPU_LIMITS',
      field: 'resources.cpuLimit',
      value: null,
      message: 'a GPU job must set its CPU and memory limits',
      fix: "e.g. '8'",
      app: 'training',
    });
    expectProblem(fn, { code: 'E_GPU_LIMITS', field: 'resources.memoryLimit', value: null, fix: "e.g. '64Gi'", app: 'training' });
  });

  test('an unknown GPU type names the types the environment has', () => {
    expectOnlyProblem(() => resolve(batchDef({ gpu: { count: 1, type: 'h100' }, resources: LIMITS }), GPU_ENV), {
      code: 'E_GPU_TYPE',
      field: 'gpu.type',
      value: 'h100',
      message: "is not a GPU type of this environment (it has 'a100')",
      fix: "use one of a100, or add 'h100' to the environment's gpus",
      app: 'training',
    });
  });

  test("a GPU type in an override is located at the override's line", () => {
    const def = batchDef({ gpu: { count: 1, type: 'a100' }, resources: LIMITS, environments: { prod: { gpu: { count: 2, type: 'v100' } } } });
    expectOnlyProblem(() => resolve(def, GPU_ENV), {
      code: 'E_GPU_TYPE',
      field: 'environments.prod.gpu.type',
      value: 'v100',
      fix: 'use one of a100',
      app: 'training',
    });
  });

  test('a GPU job in an environment without GPUs is rejected', () => {
    expectOnlyProblem(() => resolve(batchDef({ gpu: { count: 1, type: 'a100' }, resources: LIMITS })), {
      code: 'E_GPU_TYPE',
      field: 'gpu.type',
      value: 'a100',
      message: 'this environment has no GPU nodes',
      fix: 'add gpus to the environment in apps/environments.ts',
      app: 'training',
    });
  });

  test('spot without a checkpoint volume is rejected', () => {
    const env = testEnvironment({ spot: { nodeLabel: { key: 'spot', value: 'true' } } });
    expectOnlyProblem(() => resolve(batchDef({ spot: true }), env), {
      code: 'E_SPOT_CHECKPOINT',
      field: 'spot',
      value: true,
      message: 'a reclaimed spot pod would start over',
      fix: 'Volume.persistent',
      app: 'training',
    });
  });

  test('spot in an environment without spot capacity is rejected', () => {
    expectOnlyProblem(() => resolve(batchDef({ spot: true, volumes: CHECKPOINTS })), {
      code: 'E_SPOT_UNAVAILABLE',
      field: 'spot',
      value: true,
      fix: 'add spot to the environment',
      app: 'training',
    });
  });

  test('a queue name in an environment without Kueue is rejected', () => {
    expectOnlyProblem(() => resolve(batchDef({ queue: 'batch' })), {
      code: 'E_QUEUE_NO_KUEUE',
      field: 'queue',
      value: 'batch',
      message: 'this environment runs no Kueue',
      fix: 'remove queue, or add kueue to the environment',
      app: 'training',
    });
  });

  test('a queue the environment does not have is rejected', () => {
    expectOnlyProblem(() => resolve(batchDef({ queue: 'fast' }), testEnvironment({ kueue: { defaultQueue: 'batch' } })), {
      code: 'E_QUEUE',
      field: 'queue',
      value: 'fast',
      message: "it has 'batch'",
      fix: "leave queue out for 'batch'",
      app: 'training',
    });
  });

  test.each([
    ['parallelism', 0],
    ['completions', 1.5],
    ['activeDeadlineSeconds', -1],
  ])('%s %p is rejected', (field, value) => {
    expectOnlyProblem(() => resolve(batchDef({ [field]: value })), { code: 'E_BATCH_COUNT', field, value, fix: 'e.g.', app: 'training' });
  });

  test('a shared memory size as large as the memory limit is rejected', () => {
    expectOnlyProblem(() => resolve(batchDef({ sharedMemory: '1Gi', resources: { memory: '1Gi' } })), {
      code: 'E_SHARED_MEMORY',
      field: 'sharedMemory',
      value: '1Gi',
      message: 'is not below the memory limit (1Gi), which it counts against',
      fix: 'raise resources.memoryLimit',
      app: 'training',
    });
  });

  test('a shared memory size that is not a quantity is rejected', () => {
    expectOnlyProblem(() => resolve(batchDef({ sharedMemory: '8 gigs' })), {
      code: 'E_SHARED_MEMORY',
      field: 'sharedMemory',
      value: '8 gigs',
      fix: "e.g. '8Gi'",
      app: 'training',
    });
  });
});

describe('platform synth with a bad batch job', () => {
  const synth = (props: string) => {
    const root = tempRepo({
      'apps/ml/train.ts': `import { goldenPath } from '${LIB}';
export default goldenPath([]).batchJob({ name: 'train', team: 'ml', image: 'ghcr.io/acme/train:1.0.0', ${props} });
`,
    });
    const io = bufferIo();
    return { code: main(['--root', root, 'synth'], io), stderr: io.stderr(), written: existsSync(join(root, 'dist')) };
  };

  test('a GPU job without limits, in environments without GPUs: every problem located, nothing written', () => {
    const { code, stderr, written } = synth("gpu: { count: 1, type: 'a100' }");
    expect(code).toBe(1);
    expect(stderr).toContain("apps/ml/train.ts: app 'train': environment 'dev, prod': 'gpu.type' is not offered: this environment has no GPU nodes");
    expect(stderr).toContain("'resources.cpuLimit' is not set: a GPU job must set its CPU and memory limits");
    expect(written).toBe(false);
  });

  test('replicas on a batch job is not a field of one, and nothing is written', () => {
    const { code, stderr, written } = synth('replicas: { kind: "fixed", count: 2 }');
    expect(code).toBe(1);
    expect(stderr).toContain("'replicas'");
    expect(stderr).toContain('a batch job');
    expect(stderr).toContain('[E_UNKNOWN_FIELD]');
    expect(written).toBe(false);
  });
});
