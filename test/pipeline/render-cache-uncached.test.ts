import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { ResolvedEnvironment } from '../../lib/model/resolved-environment';
import { sourced, webDef } from '../fixtures/definitions';
import { resolvedEnvironment, resolvedWebService } from '../fixtures/resolved-app';
import { tempDir } from '../fixtures/temp-dir';
import { backdate, writeFiles } from '../fixtures/temp-repo';

/** What `platform synth` tells a team: which app files (and environments) are never cached, and why. */
describe('RenderCache: why an app is not cached', () => {
  const keyOf = (cache: RenderCache, definition: ReturnType<typeof webDef>, environment: ResolvedEnvironment = resolvedEnvironment()) => {
    const app = { ...resolvedWebService({ name: definition.name }), source: sourced(definition).source };
    return cache.keys.keyOf(app, environment, definition, new Map());
  };

  test('an app whose definition holds what cannot be keyed is named once, with the whole field', () => {
    const cache = new RenderCache({ dir: tempDir(), code: 'code', root: tempDir() });
    const proxied = webDef({ name: 'proxied', resources: new Proxy({ cpu: '100m', memory: '128Mi' }, {}) });
    expect(keyOf(cache, proxied)).toBeUndefined();
    expect(keyOf(cache, proxied)).toBeUndefined();
    expect(keyOf(cache, webDef({ name: 'plain' }))).toMatch(/^[0-9a-f]{64}$/);
    const nested = webDef({ name: 'nested', environments: { prod: { resources: new Proxy({ cpu: '1' }, {}) } } });
    expect(keyOf(cache, nested)).toBeUndefined();
    expect([...cache.keys.uncached]).toEqual([
      ['apps/shop/proxied.ts', "its definition holds a Proxy at 'resources'"],
      ['apps/shop/nested.ts', "its definition holds a Proxy at 'environments.prod.resources'"],
    ]);
    expect(cache.stats.uncacheable).toBe(3);
  });

  test('an app whose code cannot be read whole is named with the file that stops it', () => {
    const root = tempDir();
    writeFiles(root, { 'apps/shop/dynamic.ts': "export default require(['./x'].join(''));\n" });
    const dynamic = webDef({ name: 'dynamic', customize: () => undefined });
    // A file written since the process started is not trusted to be the code it loaded: not cached, and not named (cached from the next run).
    const fresh = new RenderCache({ dir: tempDir(), code: 'code', root });
    expect(keyOf(fresh, dynamic)).toBeUndefined();
    expect([...fresh.keys.uncached]).toEqual([]);
    backdate(root, ['apps/shop/dynamic.ts']);
    const cache = new RenderCache({ dir: tempDir(), code: 'code', root });
    expect(keyOf(cache, dynamic)).toBeUndefined();
    expect([...cache.keys.uncached]).toEqual([
      ['apps/shop/dynamic.ts', 'the code it runs cannot be read whole: apps/shop/dynamic.ts requires or imports a module by a computed name'],
    ]);
  });

  test('an environment that cannot be keyed is named once, as itself, not as each of its apps', () => {
    const cache = new RenderCache({ dir: tempDir(), code: 'code', root: tempDir() });
    const environment = { ...resolvedEnvironment(), labels: new Proxy({}, {}) } as unknown as ResolvedEnvironment;
    expect(keyOf(cache, webDef({ name: 'web' }), environment)).toBeUndefined();
    expect(keyOf(cache, webDef({ name: 'api' }), environment)).toBeUndefined();
    expect([...cache.keys.uncached]).toEqual([]);
    expect([...cache.keys.uncachedEnvironments]).toEqual([['prod', "a Proxy at 'labels'"]]);
  });
});
