import { Manifest } from '../../lib/manifest/manifest';
import { totalCapacity } from '../../lib/review/capacity-totals';
import { formatGib, formatVcpu, signed } from '../../lib/review/capacity-units';
import { workloadCapacities } from '../../lib/review/workload-capacity';

type Container = { name: string; requests?: Record<string, string | number>; limits?: Record<string, string | number>; restartPolicy?: string };
const container = (c: Container) => ({
  name: c.name,
  image: 'x:1',
  ...(c.restartPolicy ? { restartPolicy: c.restartPolicy } : {}),
  resources: { ...(c.requests ? { requests: c.requests } : {}), ...(c.limits ? { limits: c.limits } : {}) },
});
const pod = (containers: Container[], initContainers: Container[] = []) => ({
  metadata: { labels: { app: 'x' } },
  spec: { containers: containers.map(container), ...(initContainers.length ? { initContainers: initContainers.map(container) } : {}) },
});
const deployment = (name: string, spec: object, labels: Record<string, string> = { team: 'shop' }): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', labels },
  spec,
});
const hpa = (target: string, min: number, max: number): Manifest => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target, namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: min, maxReplicas: max },
});

const job = (name: string, spec: object, labels: Record<string, string> = { team: 'ml' }): Manifest => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'ml', labels },
  spec,
});

describe('workloadCapacities', () => {
  test('counts GPUs per pod times the parallelism of a Job', () => {
    const gpus = { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': 2 };
    const { workloads } = workloadCapacities([job('train-1', { parallelism: 3, template: pod([{ name: 'a', requests: gpus, limits: gpus }]) })]);
    expect(workloads[0].podGpus).toBe(2);
    expect(totalCapacity(workloads).gpus).toEqual({ min: 0, max: 6 });
  });

  test('counts a Job waiting suspended in a Kueue queue as running once admitted, and a plain suspended Job as 0', () => {
    const spec = { suspend: true, parallelism: 2, template: pod([{ name: 'a', requests: { cpu: '1', memory: '1Gi' } }]) };
    const { workloads } = workloadCapacities([job('queued', spec, { team: 'ml', 'kueue.x-k8s.io/queue-name': 'batch' }), job('off', spec)]);
    expect(workloads.map((w) => [w.name, w.replicas])).toEqual([
      ['queued', { min: 0, max: 2 }],
      ['off', { min: 0, max: 0 }],
    ]);
  });

  test('counts no GPUs for a pod without any', () => {
    const { workloads } = workloadCapacities([deployment('web', { template: pod([{ name: 'a', requests: { cpu: '1', memory: '1Gi' } }]) })]);
    expect(workloads[0].podGpus).toBe(0);
  });

  test('multiplies a pod by its replicas, or by its autoscaler bounds', () => {
    const { workloads } = workloadCapacities([
      deployment('fixed', { replicas: 3, template: pod([{ name: 'a', requests: { cpu: '250m', memory: '512Mi' } }]) }),
      deployment('scaled', { template: pod([{ name: 'a', requests: { cpu: 1, memory: '1Gi' } }]) }),
      hpa('scaled', 2, 5),
    ]);
    const totals = totalCapacity(workloads);
    // 3 x 0.25 + 2..5 x 1 = 2.75..5.75 vCPU; 3 x 0.5 + 2..5 x 1 = 3.5..6.5 GiB
    expect([formatVcpu(totals.requests.cpu), formatGib(totals.requests.memory), totals.pods]).toEqual(['2.75..5.75 vCPU', '3.5..6.5 GiB', { min: 5, max: 8 }]);
  });

  test('counts a pod as the scheduler does: containers and sidecars, or the largest init container', () => {
    const [w] = workloadCapacities([
      deployment('web', {
        template: pod(
          [{ name: 'app', requests: { cpu: '200m', memory: '256Mi' } }],
          [
            { name: 'migrate', requests: { cpu: '1', memory: '64Mi' } },
            { name: 'proxy', restartPolicy: 'Always', requests: { cpu: '100m', memory: '128Mi' } },
          ],
        ),
      }),
    ]).workloads;
    // cpu: max(0.2 + 0.1, 1 + 0.1) = 1.1; memory: max(256 + 128, 64 + 128) Mi = 384Mi
    expect(w.podRequests).toEqual({ cpu: 1.1, memory: 384 * 2 ** 20 });
  });

  test('leaves a limit out when a container sets none, and counts the workload as without one', () => {
    const { workloads } = workloadCapacities([
      deployment('web', { replicas: 2, template: pod([{ name: 'a', requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } }]) }),
    ]);
    const totals = totalCapacity(workloads);
    expect([totals.limits.memory, totals.limits.cpu, totals.unlimited]).toEqual([
      { min: 2 * 2 ** 30, max: 2 * 2 ** 30 },
      { min: 0, max: 0 },
      { cpu: 1, memory: 0 },
    ]);
  });

  test('counts a scheduled task at 0 until it runs, and not at all when suspended', () => {
    const cron = (suspend: boolean, parallelism?: number): Manifest => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: `job-${suspend}`, namespace: 'shop' },
      spec: {
        suspend,
        schedule: '0 3 * * *',
        jobTemplate: { spec: { ...(parallelism ? { parallelism } : {}), template: pod([{ name: 'a', requests: { cpu: '500m', memory: '1Gi' } }]) } },
      },
    });
    const { workloads } = workloadCapacities([cron(false, 2), cron(true)]);
    expect(workloads.map((w) => [w.name, w.replicas])).toEqual([
      ['job-false', { min: 0, max: 2 }],
      ['job-true', { min: 0, max: 0 }],
    ]);
  });

  test('takes the team from the label, else the namespace', () => {
    const { workloads } = workloadCapacities([
      deployment('a', { template: pod([{ name: 'a' }]) }, { team: 'payments' }),
      deployment('b', { template: pod([{ name: 'b' }]) }, {}),
    ]);
    expect(workloads.map((w) => w.team)).toEqual(['payments', 'shop']);
  });

  test('notes what it cannot count: a DaemonSet, a malformed quantity', () => {
    const { workloads, notes } = workloadCapacities([
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' }, spec: { template: pod([{ name: 'a' }]) } },
      deployment('web', { template: pod([{ name: 'a', requests: { cpu: '100x' } }]) }),
    ]);
    expect(workloads.map((w) => [w.name, w.podRequests.cpu])).toEqual([['web', 0]]);
    expect(notes).toEqual([
      'DaemonSet ops/agent: not counted (a DaemonSet runs one pod per node)',
      "Deployment shop/web: container 'a' requests.cpu '100x' is not a Kubernetes quantity; counted as 0",
    ]);
  });
});

test('shows signed deltas rounded to a millicore and about a MiB', () => {
  expect([signed(0.1 + 0.2, 'vCPU'), signed(-(2 ** 30), 'GiB'), signed(1e-9, 'vCPU')]).toEqual(['+0.3 vCPU', '-1 GiB', '±0 vCPU']);
});
