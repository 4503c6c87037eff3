import { Volume } from '../../lib/model/volume';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { buildChart } from '../../lib/stacks/build-chart';
import { BatchJob } from '../../lib/stacks/batch-job';
import { batchDef, find, GPU_POOLS, kinds, resolve, synthApp, testEnvironment, Untyped } from '../helpers';
import { synthResolved } from '../fixtures/resolved-app';
import { cdk8sTraces } from './stack-checks';

/** prod with one A100 pool, spot nodes tainted and labelled as on GKE, and Kueue's queue 'batch'. */
const GPU_ENV = testEnvironment({
  gpus: GPU_POOLS,
  spot: { nodeLabel: { key: 'cloud.google.com/gke-spot', value: 'true' }, taint: { key: 'cloud.google.com/gke-spot', value: 'true' } },
  kueue: { defaultQueue: 'batch', queues: ['urgent'] },
});
const TRAINING = batchDef({
  gpu: { count: 2, type: 'a100' },
  resources: { cpu: '4', memory: '16Gi', cpuLimit: '8', memoryLimit: '24Gi' },
  spot: true,
  sharedMemory: '8Gi',
  volumes: { checkpoints: Volume.persistent({ path: '/checkpoints', size: '50Gi' }) },
  parallelism: 2,
  completions: 4,
  completionMode: 'Indexed',
});
const podSpec = (job: Untyped) => job.spec.template.spec;

describe('BatchJob: a plain job', () => {
  const manifests = synthApp(batchDef());
  const job = find(manifests, 'Job', 'training-3-1-0');

  test('creates a Job named after the release, a NetworkPolicy and a ServiceAccount', () => {
    expect(kinds(manifests)).toEqual(['Job', 'NetworkPolicy', 'ServiceAccount']);
    expect(cdk8sTraces(manifests)).toEqual([]);
  });

  test('runs one pod once, retries 3 times and gives up after a day', () => {
    expect(job.spec).toMatchObject({ parallelism: 1, completions: 1, completionMode: 'NonIndexed', backoffLimit: 3, activeDeadlineSeconds: 86400 });
  });

  test('does not count a disrupted pod as a failure', () => {
    expect(job.spec.podFailurePolicy).toEqual({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] });
    expect(podSpec(job).restartPolicy).toBe('Never');
  });

  test('starts at once and sets no TTL (Argo CD would re-create a Job the TTL controller deleted)', () => {
    expect(job.spec.suspend).toBeUndefined();
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.metadata.labels['kueue.x-k8s.io/queue-name']).toBeUndefined();
  });

  test('runs the golden-path pod: restricted, no token, labelled as a job', () => {
    expect(podSpec(job).automountServiceAccountToken).toBe(false);
    expect(podSpec(job).containers[0].securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(job.metadata.labels['app.kubernetes.io/component']).toBe('job');
    expect(podSpec(job).containers[0].resources.limits['nvidia.com/gpu']).toBeUndefined();
    expect(podSpec(job).nodeSelector).toBeUndefined();
    expect(podSpec(job).tolerations).toBeUndefined();
  });

  test('names the Job by a digest when the release pins no tag', () => {
    const pinned = synthApp(batchDef({ image: `ghcr.io/acme/training@sha256:${'ab12'.repeat(16)}` }));
    expect(pinned.filter((m) => m.kind === 'Job').map((m) => m.metadata.name)).toEqual(['training-ab12ab12ab12']);
  });

  test('exposes the Job and the claims as public fields', () => {
    const stack = buildChart(resolve(TRAINING, GPU_ENV)).stack as BatchJob;
    expect(stack.job.name).toBe('training-3-1-0');
    expect(stack.claims.map((c) => c.name)).toEqual(['training-checkpoints']);
  });
});

describe('BatchJob: a GPU training run on spot capacity, queued', () => {
  const manifests = synthApp(TRAINING, GPU_ENV);
  const job = find(manifests, 'Job', 'training-3-1-0');
  const container = podSpec(job).containers[0];

  test('runs 4 indexed completions, 2 at a time', () => {
    expect(job.spec).toMatchObject({ parallelism: 2, completions: 4, completionMode: 'Indexed' });
  });

  test('requests and limits its GPUs alike, beside its CPU and memory limits', () => {
    expect(container.resources.requests).toEqual({ cpu: '4', memory: '16Gi', 'ephemeral-storage': '64Mi', 'nvidia.com/gpu': 2 });
    expect(container.resources.limits).toEqual({ cpu: '8', memory: '24Gi', 'ephemeral-storage': '1Gi', 'nvidia.com/gpu': 2 });
  });

  test("goes to the GPU type's nodes and tolerates their taint and the spot taint", () => {
    expect(podSpec(job).nodeSelector).toEqual({ 'example.com/gpu': 'a100' });
    expect(podSpec(job).tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'cloud.google.com/gke-spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
    ]);
  });

  test('requires the spot label', () => {
    expect(podSpec(job).affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'cloud.google.com/gke-spot', operator: 'In', values: ['true'] }] }],
        },
      },
    });
  });

  test('mounts an in-memory /dev/shm of the given size and the checkpoint claim', () => {
    expect(podSpec(job).volumes).toContainEqual({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } });
    expect(container.volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
    expect(podSpec(job).volumes).toContainEqual({ name: 'checkpoints', persistentVolumeClaim: { claimName: 'training-checkpoints' } });
    expect(find(manifests, 'PersistentVolumeClaim', 'training-checkpoints').spec.resources.requests.storage).toBe('50Gi');
  });

  test("joins the environment's Kueue queue and starts suspended", () => {
    expect(job.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('batch');
    expect(job.spec.suspend).toBe(true);
  });

  test('joins another queue of the environment when it names one', () => {
    const urgent = find(synthApp(batchDef({ queue: 'urgent' }), GPU_ENV), 'Job', 'training-3-1-0');
    expect(urgent.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('urgent');
  });

  test('takes other GPUs from an environment override', () => {
    const def = batchDef({ ...TRAINING, environments: { prod: { gpu: { count: 8, type: 'a100' } } } });
    expect(podSpec(find(synthApp(def, GPU_ENV), 'Job', 'training-3-1-0')).containers[0].resources.limits['nvidia.com/gpu']).toBe(8);
  });
});

describe('BatchJob: checks', () => {
  test.each([
    ['a plain job', batchDef(), testEnvironment()],
    ['a GPU training run', TRAINING, GPU_ENV],
  ])('%s passes schema validation and the policy pack', (_, def, env) => {
    const app = resolve(def, env);
    const rendered = [{ app, manifests: synthResolved(app) }];
    for (const check of defaultChecks({ now: new Date('2026-01-01') })) expect(() => check(rendered, [])).not.toThrow();
  });
});
