import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { tempRepo, webApp } from '../fixtures/temp-repo';

/** Where app files outside the repository find cdk8s (apps/platform.ts re-exports JsonPatch in a real repository). */
const CDK8S = require.resolve('cdk8s');
const MESH = `customize: (stack, ctx) => { if (ctx.production) stack.deployment.addJsonPatch(require('${CDK8S}').JsonPatch.add('/spec/template/metadata/annotations', { 'linkerd.io/inject': 'enabled' })); }`;
const EXTRA =
  "objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy-billing' }, spec: { type: 'ExternalName', externalName: 'billing.legacy.internal' } }]";

function repo(): string {
  return tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', MESH), 'apps/shop/api.ts': webApp('api', 'shop', EXTRA), 'apps/shop/plain.ts': webApp('plain') });
}

describe('platform explain: the customize layer', () => {
  test('lists what the escape hatch sets in this environment, last', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'explain', 'web', '--env', 'prod'], io)).toBe(0);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[2]).toBe('layers, lowest first: platform < environment < app < override < release < customize (the escape hatch, on the rendered objects)');
    expect(lines[lines.length - 1]).toMatch(/^Deployment shop\/web: spec\.template\.metadata\.annotations\.linkerd\.io\/inject\s+enabled\s+customize$/);
  });

  test('shows nothing from the layer where the escape hatch changes nothing', () => {
    const io = bufferIo();
    main(['--root', repo(), 'explain', 'web', '--env', 'dev', '--json'], io);
    const fields = JSON.parse(io.stdout()).fields as { origin: string }[];
    expect(fields.filter((f) => f.origin === 'customize')).toEqual([]);
  });

  test('lists extra objects, in JSON too', () => {
    const io = bufferIo();
    main(['--root', repo(), 'explain', 'api', '--env', 'dev', '--json'], io);
    const fields = JSON.parse(io.stdout()).fields as { origin: string }[];
    expect(fields.filter((f) => f.origin === 'customize')).toEqual([
      { field: 'Service shop/legacy-billing', value: '(extra object, from objects)', origin: 'customize' },
    ]);
  });
});

describe('platform check: the golden path', () => {
  test('says per app whether it is on the golden path, or how far off it in each environment', () => {
    const io = bufferIo();
    expect(main(['--root', repo(), 'check'], io)).toBe(0);
    expect(io.stdout()).toContain(
      'Golden path\n' +
        '  on it: shop/plain\n' +
        '  off it: shop/api (apps/shop/api.ts), through its escape hatch: dev 1 object, prod 1 object\n' +
        '  off it: shop/web (apps/shop/web.ts), through its escape hatch: prod 1 field\n',
    );
  });

  test('gives the same in JSON, for one environment with --env', () => {
    const io = bufferIo();
    main(['--root', repo(), 'check', '--json', '--env', 'dev'], io);
    expect(JSON.parse(io.stdout()).goldenPath).toEqual([
      { app: 'shop/api', source: 'apps/shop/api.ts', offIn: [{ environment: 'dev', distance: 1, fields: 0, objects: 1 }], onGoldenPath: false },
      { app: 'shop/plain', source: 'apps/shop/plain.ts', offIn: [], onGoldenPath: true },
      { app: 'shop/web', source: 'apps/shop/web.ts', offIn: [], onGoldenPath: true },
    ]);
  });
});
