import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newCommand } from '../../lib/cli/commands/new';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { UsageError } from '../../lib/internal/errors';
import { expectError } from '../helpers';
import { LIB, tempRepo, webApp } from '../fixtures/temp-repo';

jest.setTimeout(180_000);

/** What apps/platform.ts gives app files in a temporary repository. */
const PLATFORM_TS = `import { goldenPath } from '${LIB}';
import { environments } from './environments';
export const { webService, worker, scheduledTask, batchJob } = goldenPath(environments);
export { Health, Peer, Replicas } from '${LIB}';
`;

/** dev and prod, with the 2 pods in prod that the policy asks of every workload. */
const ENVIRONMENTS = `import { Replicas } from '${LIB}';
export const environments = [
  { name: 'dev', cluster: 'dev-1', domain: 'dev.example' },
  { name: 'prod', cluster: 'prod-1', domain: 'example.com', profile: { webServiceReplicas: Replicas.autoscale({ min: 2, max: 4 }), workerReplicas: Replicas.fixed(2) } },
];
`;

function repo(files: Record<string, string> = {}): string {
  return tempRepo({ 'apps/platform.ts': PLATFORM_TS, 'apps/shop/web.ts': webApp('web'), ...files }, ENVIRONMENTS);
}
const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('platform new (in-process)', () => {
  test('writes the app from the golden path, pins it everywhere, adds its test and synthesizes', () => {
    const root = repo();
    const io = bufferIo();
    expect(newCommand({ root, name: 'orders', team: 'shop', kind: 'web' }, io)).toBe(0);
    const app = read(root, 'apps/shop/orders.ts');
    expect(app.split('\n').length).toBeGreaterThanOrEqual(10);
    expect(app.split('\n').length).toBeLessThanOrEqual(20);
    expect(app).toContain("import { Health, webService } from '../platform';");
    expect(app).toContain("image: 'ghcr.io/acme/orders',"); // beside the fleet's other images, without a tag
    expect(read(root, 'apps/releases.yaml')).toBe('{ shop: { orders: { dev: 0.1.0, prod: 0.1.0 } } }\n');
    expect(read(root, 'test/apps/shop/orders.test.ts')).toContain("const app = project.apps.find((a) => a.source === 'apps/shop/orders.ts');");
    expect(read(root, 'dist/prod/shop/orders.yaml')).toContain('image: ghcr.io/acme/orders:0.1.0');
    expect(io.stdout().split('\n').slice(0, 3)).toEqual([
      'created apps/shop/orders.ts (web service, image ghcr.io/acme/orders)',
      'apps/releases.yaml: shop/orders pinned to 0.1.0 in dev, prod',
      'created test/apps/shop/orders.test.ts',
    ]);
  });

  test.each([
    ['worker', 'Deployment', 'import { Health, worker } from'],
    ['task', 'CronJob', 'import { scheduledTask } from'],
    ['job', 'Job', 'import { batchJob } from'],
  ])('scaffolds a %s', (kind, workload, imports) => {
    const root = repo();
    expect(newCommand({ root, name: 'jobs', team: 'ops', kind, tag: '2.0.0', image: 'registry.example/ops/jobs' }, bufferIo())).toBe(0);
    expect(read(root, 'apps/ops/jobs.ts')).toContain(imports);
    const out = read(root, 'dist/dev/ops/jobs.yaml');
    expect(out).toContain(`kind: ${workload}`);
    expect(out).toContain('image: registry.example/ops/jobs:2.0.0');
  });

  test('never overwrites: an existing file, or an app of that name in the team', () => {
    const root = repo({ 'apps/shop/legacy.ts': webApp('orders') });
    const io = bufferIo();
    expect(main(['--root', root, 'new', 'web', '--team', 'shop', '--kind', 'web'], io)).toBe(2);
    expect(io.stderr()).toContain("app 'shop/web' already exists (apps/shop/web.ts). Fix: choose another name, or edit apps/shop/web.ts");
    expect(read(root, 'apps/shop/web.ts')).toBe(webApp('web'));
    const io2 = bufferIo();
    expect(main(['--root', root, 'new', 'orders', '--team', 'shop', '--kind', 'worker'], io2)).toBe(2);
    expect(io2.stderr()).toContain("app 'shop/orders' already exists (apps/shop/legacy.ts)");
    const testFile = repo({ 'test/apps/shop/orders.test.ts': '// mine\n' });
    expect(expectError<UsageError>(() => newCommand({ root: testFile, name: 'orders', team: 'shop', kind: 'web' }, bufferIo())).message).toBe(
      "test/apps/shop/orders.test.ts already exists; 'platform new' never overwrites. Fix: choose another name, or remove the file",
    );
    expect(existsSync(join(testFile, 'apps/shop/orders.ts'))).toBe(false);
  });

  test.each([
    [
      { name: 'Orders' },
      'E_NEW_NAME',
      "app name 'Orders' must be lowercase. Fix: use lowercase letters, digits and '-', starting with a letter (at most 63), e.g. 'orders-api'",
    ],
    [{ name: 'a-very-long-scheduled-task-name-that-cronjobs-cannot-have', kind: 'task' }, 'E_NEW_NAME', 'must be at most 52 characters'],
    [{ team: 'Shop_Team' }, 'E_NEW_TEAM', "--team 'Shop_Team' must be lowercase"],
    [
      { team: 'kube-system' },
      'E_NEW_TEAM',
      "--team 'kube-system' is a reserved namespace: namespaces 'kube-*' belong to Kubernetes itself. Fix: use the team's own name, e.g. 'payments'",
    ],
    [{ team: 'monitoring' }, 'E_NEW_TEAM', "--team 'monitoring' is a reserved namespace: 'monitoring' is where Prometheus runs in environment 'dev'"],
    [{ kind: 'lambda' }, 'E_NEW_KIND', "--kind 'lambda' is not a kind of app (known: web, worker, task, job)"],
    [{ tag: 'latest' }, 'E_NEW_TAG', "--tag 'latest' uses the tag 'latest'"],
    [{ image: 'ghcr.io/acme/orders:1.0' }, 'E_NEW_IMAGE', "--image 'ghcr.io/acme/orders:1.0' has a tag or digest"],
  ])('refuses %p with %s and writes nothing', (override, code, message) => {
    const root = repo();
    const error = expectError<UsageError>(() => newCommand({ root, name: 'orders', team: 'shop', kind: 'web', ...override }, bufferIo()));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(read(root, 'apps/releases.yaml')).toBe('{}\n');
    expect(existsSync(join(root, 'test/apps'))).toBe(false);
  });

  test('keeps nothing when the synth fails', () => {
    const root = repo({ 'apps/shop/bad.ts': webApp('bad', 'shop', 'port: 70000') });
    const io = bufferIo();
    expect(main(['--root', root, 'new', 'orders', '--team', 'payments', '--kind', 'web'], io)).toBe(1);
    expect(io.stderr()).toContain("'port' must be an integer from 1 to 65535");
    expect(io.stderr()).toContain(
      'platform new: kept nothing (removed apps/payments/orders.ts, test/apps/payments/orders.test.ts; apps/releases.yaml as it was)',
    );
    expect(existsSync(join(root, 'apps/payments'))).toBe(false);
    expect(existsSync(join(root, 'test'))).toBe(false);
    expect(read(root, 'apps/releases.yaml')).toBe('{}\n');
  });
});
