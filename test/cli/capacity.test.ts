import { capacityCommand } from '../../lib/cli/commands/capacity';
import { bufferIo } from '../../lib/cli/io';
import { LIB, tempRepo, webApp } from '../fixtures/temp-repo';

/**
 * dev runs web services at 1 replica, prod at 2..4; every pod requests 100m CPU and 128Mi unless
 * it says otherwise, with a memory limit equal to the request and no CPU limit.
 */
function smallFleet(): string {
  return tempRepo({
    'apps/shop/web.ts': webApp('web'),
    'apps/shop/api.ts': webApp('api', 'shop', "resources: { cpu: '500m', memory: '1Gi', cpuLimit: '1' }"),
    'apps/ops/queue.ts': `import { goldenPath, Replicas } from '${LIB}';
export default goldenPath([]).worker({ name: 'queue', team: 'ops', image: 'ghcr.io/acme/queue:1.0.0', health: { kind: 'exec', command: ['/bin/true'] }, replicas: Replicas.fixed(3) });
`,
    'apps/ops/report.ts': `import { goldenPath } from '${LIB}';
export default goldenPath([]).scheduledTask({ name: 'report', team: 'ops', image: 'ghcr.io/acme/report:1.0.0', schedule: '0 3 * * *', resources: { cpu: '250m', memory: '512Mi' } });
`,
  });
}

const range = (min: number, max = min) => ({ min, max });

describe('platform capacity (in-process)', () => {
  const root = smallFleet();

  test('totals requests and limits x replicas per environment and team, checked by hand', () => {
    const io = bufferIo();
    expect(capacityCommand({ root, json: true }, io)).toBe(0);
    const report = JSON.parse(io.stdout());
    expect(report.units).toEqual({ cpu: 'vCPU', memory: 'GiB' });
    const [dev, prod] = report.environments;
    expect([dev.name, prod.name]).toEqual(['dev', 'prod']);
    // ops: queue 3 x (0.1 vCPU, 0.125 GiB) + report 0..1 x (0.25 vCPU, 0.5 GiB), the same everywhere.
    const ops = {
      team: 'ops',
      workloads: 2,
      pods: range(3, 4),
      requests: { vcpu: range(0.3, 0.55), gib: range(0.375, 0.875) },
      limits: { vcpu: range(0), gib: range(0.375, 0.875) },
      withoutLimit: { cpu: 2, memory: 0 },
      gpus: range(0),
    };
    // dev shop: web 1 x (0.1, 0.125) + api 1 x (0.5, 1), api's CPU limit 1.
    expect(dev.teams).toEqual([
      ops,
      {
        team: 'shop',
        workloads: 2,
        pods: range(2),
        requests: { vcpu: range(0.6), gib: range(1.125) },
        limits: { vcpu: range(1), gib: range(1.125) },
        withoutLimit: { cpu: 1, memory: 0 },
        gpus: range(0),
      },
    ]);
    expect(dev.total).toEqual({
      workloads: 4,
      pods: range(5, 6),
      requests: { vcpu: range(0.9, 1.15), gib: range(1.5, 2) },
      limits: { vcpu: range(1), gib: range(1.5, 2) },
      withoutLimit: { cpu: 3, memory: 0 },
      gpus: range(0),
    });
    // prod shop: web 2..4 x (0.1, 0.125) + api 2..4 x (0.5, 1), CPU limits 2..4.
    expect(prod.teams[1]).toEqual({
      team: 'shop',
      workloads: 2,
      pods: range(4, 8),
      requests: { vcpu: range(1.2, 2.4), gib: range(2.25, 4.5) },
      limits: { vcpu: range(2, 4), gib: range(2.25, 4.5) },
      withoutLimit: { cpu: 1, memory: 0 },
      gpus: range(0),
    });
    expect(prod.total.requests).toEqual({ vcpu: range(1.5, 2.95), gib: range(2.625, 5.375) });
  });

  test('prints a table per environment with clear units', () => {
    const io = bufferIo();
    capacityCommand({ root }, io);
    const lines = io.stdout().split('\n');
    const prod = lines.indexOf('prod');
    expect(lines[prod + 1].trim().split(/\s{2,}/)).toEqual(['team', 'workloads', 'pods', 'cpu requests', 'memory requests', 'cpu limits', 'memory limits']);
    expect(lines[prod + 4].trim().split(/\s{2,}/)).toEqual([
      'total',
      '4',
      '7..12',
      '1.5..2.95 vCPU',
      '2.625..5.375 GiB',
      '2..4 vCPU (+3 without)',
      '2.625..5.375 GiB',
    ]);
    expect(io.stdout()).toContain('(+N without): N workloads set no limit for that resource');
  });
});
