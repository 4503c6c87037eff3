import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { LIB, tempRepo } from '../fixtures/temp-repo';

const unpinned = (name: string, team = 'shop') => `import { goldenPath } from '${LIB}';
export default goldenPath([]).webService({ name: '${name}', team: '${team}', image: 'ghcr.io/acme/${name}' });
`;
const RELEASES = '# pins, edited by CI\nshop:\n  web:\n    dev: 1.1.0   # candidate\n    prod: 1.0.0\n  api:\n    dev: 2.0.0\n    prod: 2.0.0\n';

function repo(): string {
  return tempRepo({ 'apps/shop/web.ts': unpinned('web'), 'apps/shop/api.ts': unpinned('api'), 'apps/releases.yaml': RELEASES });
}
const releases = (root: string) => readFileSync(join(root, 'apps/releases.yaml'), 'utf8');

describe('platform set-image', () => {
  test('changes only that entry and says what changed', () => {
    const root = repo();
    const io = bufferIo();
    expect(main(['--root', root, 'set-image', 'web', '--env', 'prod', '--tag', '1.2.0'], io)).toBe(0);
    expect(releases(root)).toBe(RELEASES.replace('    prod: 1.0.0', '    prod: 1.2.0'));
    expect(io.stdout()).toBe('apps/releases.yaml: shop/web prod: 1.0.0 -> 1.2.0\n');
  });

  test('pins a digest with its tag', () => {
    const root = repo();
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(main(['--root', root, 'set-image', 'shop/api', '--env', 'dev', '--tag', '2.1.0', '--digest', digest], bufferIo())).toBe(0);
    expect(releases(root)).toBe(RELEASES.replace('    dev: 2.0.0', `    dev: 2.1.0@${digest}`));
  });

  test("refuses 'latest' and leaves the file as it was", () => {
    const root = repo();
    const io = bufferIo();
    expect(main(['--root', root, 'set-image', 'web', '--env', 'prod', '--tag', 'latest'], io)).toBe(2);
    expect(io.stderr()).toContain("--tag uses the tag 'latest'");
    expect(releases(root)).toBe(RELEASES);
  });

  test('refuses an unknown app or environment, listing the known ones', () => {
    const root = repo();
    const io = bufferIo();
    expect(main(['--root', root, 'set-image', 'cart', '--env', 'prod', '--tag', '1.0.0'], io)).toBe(2);
    expect(io.stderr()).toContain("app 'cart' is not in the fleet (known: shop/api, shop/web)");
    expect(main(['--root', root, 'set-image', 'web', '--env', 'qa', '--tag', '1.0.0'], io)).toBe(2);
    expect(io.stderr()).toContain("--env 'qa' is not an environment (known: dev, prod)");
    expect(releases(root)).toBe(RELEASES);
  });

  test('needs a tag or a digest', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'set-image', 'web', '--env', 'prod'], io)).toBe(2);
    expect(io.stderr()).toContain('set-image needs --tag');
  });
});

describe('platform set-image --container', () => {
  const withSidecar = `import { goldenPath } from '${LIB}';
export default goldenPath([]).webService({ name: 'web', team: 'shop', image: 'ghcr.io/acme/web', sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy' }] });
`;
  const sidecarRepo = () => tempRepo({ 'apps/shop/web.ts': withSidecar, 'apps/shop/api.ts': unpinned('api'), 'apps/releases.yaml': RELEASES });

  test("pins a sidecar's image as '<app>/<container>', and promote copies it", () => {
    const root = sidecarRepo();
    const io = bufferIo();
    expect(main(['--root', root, 'set-image', 'web', '--container', 'proxy', '--env', 'dev', '--tag', '2.0.0'], io)).toBe(0);
    expect(io.stdout()).toBe('apps/releases.yaml: shop/web/proxy dev: (none) -> 2.0.0\n');
    expect(main(['--root', root, 'promote', 'web', '--container', 'proxy', '--from', 'dev', '--to', 'prod'], io)).toBe(0);
    expect(releases(root)).toBe(`${RELEASES}  web/proxy:\n    dev: 2.0.0\n    prod: 2.0.0\n`);
  });

  test('refuses a container the app does not have, and writes nothing', () => {
    const root = sidecarRepo();
    const io = bufferIo();
    expect(main(['--root', root, 'set-image', 'web', '--container', 'proxi', '--env', 'dev', '--tag', '2.0.0'], io)).toBe(2);
    expect(io.stderr()).toContain("--container 'proxi' is not a sidecar or init container of shop/web (it has: proxy)");
    expect(releases(root)).toBe(RELEASES);
  });
});

describe('platform promote', () => {
  test('copies the pin from one environment to the next as a one-line change', () => {
    const root = repo();
    const io = bufferIo();
    expect(main(['--root', root, 'promote', 'web', '--from', 'dev', '--to', 'prod'], io)).toBe(0);
    expect(releases(root)).toBe(RELEASES.replace('    prod: 1.0.0', '    prod: 1.1.0'));
    expect(io.stdout()).toBe('apps/releases.yaml: shop/web prod: 1.0.0 -> 1.1.0\n');
  });

  test('says so and writes nothing when the target already has the pin', () => {
    const root = repo();
    const io = bufferIo();
    expect(main(['--root', root, 'promote', 'api', '--from', 'dev', '--to', 'prod'], io)).toBe(0);
    expect(io.stdout()).toBe('apps/releases.yaml: shop/api prod is already at 2.0.0\n');
    expect(releases(root)).toBe(RELEASES);
  });

  test('fails with a fix when the source environment has no pin', () => {
    const root = tempRepo({ 'apps/shop/web.ts': unpinned('web'), 'apps/releases.yaml': 'shop:\n  web:\n    prod: 1.0.0\n' });
    const io = bufferIo();
    expect(main(['--root', root, 'promote', 'web', '--from', 'dev', '--to', 'prod'], io)).toBe(2);
    expect(io.stderr()).toContain("has no pin for shop/web in dev. Fix: run 'platform set-image web --env dev --tag <tag>' first");
  });
});

describe('platform explain', () => {
  test('prints each resolved value with the layer it came from', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'explain', 'web', '--env', 'prod'], io)).toBe(0);
    const lines = io.stdout().split('\n');
    expect(lines[0]).toBe('shop/web in prod (apps/shop/web.ts)');
    expect(lines.find((l) => l.startsWith('image '))).toMatch(/^image\s+ghcr\.io\/acme\/web:1\.0\.0\s+release$/);
    expect(lines.find((l) => l.startsWith('replicas '))).toMatch(/^replicas\s+autoscale 2\.\.4\s+environment$/);
    expect(lines.find((l) => l.startsWith('port '))).toMatch(/^port\s+8080\s+platform$/);
  });

  test('gives JSON with --json', () => {
    const io = bufferIo();
    main(['--root', repo(), 'explain', 'web', '--env', 'dev', '--json'], io);
    const report = JSON.parse(io.stdout());
    expect(report.fields.find((f: { field: string }) => f.field === 'replicas')).toEqual({
      field: 'replicas',
      value: { kind: 'fixed', count: 1 },
      origin: 'environment',
    });
  });

  test('without an app, explains the environment: each resolved setting and its layer', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'explain', '--env', 'prod'], io)).toBe(0);
    const lines = io.stdout().split('\n');
    expect(lines[0]).toMatch(/^environment prod \(cluster \S+, production\)$/);
    expect(lines.find((l) => l.startsWith('gitops.maxDropShare '))).toMatch(/^gitops\.maxDropShare\s+0\.25\s+platform$/);
    expect(lines.find((l) => l.startsWith('dns.port '))).toMatch(/^dns\.port\s+53\s+platform$/);
    expect(lines.find((l) => l.startsWith('profile.webServiceReplicas '))).toMatch(/^profile\.webServiceReplicas\s+autoscale 2\.\.4\s+environment$/);
  });

  test('an environment that does not exist is a usage error naming the known ones', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'explain', '--env', 'prd'], io)).toBe(2);
    expect(io.stderr()).toMatch(/prd/);
  });
});

describe('platform drift', () => {
  test('lists the fields that differ between environments', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'drift', 'web', '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout());
    const replicas = report.differences.find((d: { object: string; field: string }) => d.object === 'Deployment web' && d.field === 'spec.replicas');
    expect(replicas.values).toEqual({ dev: 1 });
    expect(report.differences.some((d: { object: string }) => d.object === 'HorizontalPodAutoscaler web')).toBe(true);
    expect(report.differences.every((d: { field: string }) => !d.field.includes('labels.'))).toBe(true);
  });

  test('works for an app that depends on others: the whole fleet is rendered, only its objects compared', () => {
    const caller = `import { goldenPath } from '${LIB}';
export default goldenPath([]).webService({ name: 'front', team: 'shop', image: 'ghcr.io/acme/front:1.0.0', dependsOn: [require('./web').default] });
`;
    const root = tempRepo({
      'apps/shop/web.ts': unpinned('web'),
      'apps/shop/front.ts': caller,
      'apps/shop/api.ts': unpinned('api'),
      'apps/releases.yaml': RELEASES,
    });
    const io = bufferIo();
    const code = main(['--root', root, 'drift', 'front', '--json'], io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout());
    expect(report.app).toBe('shop/front');
    expect(report.differences.every((d: { object: string }) => !/ web$/.test(d.object))).toBe(true);
  });
});
