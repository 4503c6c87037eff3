import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Peer } from '../../lib/model/peer';
import { YamlEmitter } from '../../lib/output/emit-yaml';
import { renderManifests } from '../../lib/output/render-yaml';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { withBoundedHeapGrowth } from '../../lib/pipeline/bounded-heap';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { layoutFiles } from '../../lib/pipeline/layout-fleet';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { FleetCheck, render, synthesize } from '../../lib/pipeline/synthesize';
import { tempDir } from '../fixtures/temp-dir';
import { sourced, taskDef, webDef, workerDef } from '../helpers';
import { DEV, NOW, PROD } from '../policy/policy-helpers';

// Synth holds little across environments: an environment's apps are resolved again when it is
// rendered, and a team's files are written with an emitter of their own. Neither may change a byte.
const FLEET = [
  webDef({ name: 'checkout', team: 'shop' }),
  // Its egress names checkout, resolved from checkout's definition: resolved again in every environment.
  workerDef({ name: 'mailer', team: 'mail', network: { egress: [Peer.app('checkout', { namespace: 'shop' })] } }),
  taskDef({ name: 'report', team: 'shop' }),
].map((d) => sourced(d));

function treeOf(dir: string, rel = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(dir, rel)).sort()) {
    const path = rel ? `${rel}/${entry}` : entry;
    if (statSync(join(dir, path)).isDirectory()) for (const [p, t] of treeOf(dir, path)) files.set(p, t);
    else if (entry.endsWith('.yaml')) files.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return files;
}

function walk(dir: string, rel = ''): string[] {
  if (!existsSync(join(dir, rel))) return [];
  return readdirSync(join(dir, rel))
    .sort()
    .flatMap((entry) => {
      const path = rel ? `${rel}/${entry}` : entry;
      return statSync(join(dir, path)).isDirectory() ? walk(dir, path) : [path];
    });
}

describe('bounded memory', () => {
  test('synth, which resolves every environment after the first again, writes what one pass in memory renders', () => {
    const input = { apps: FLEET, environments: [DEV, PROD], now: NOW };
    const { files } = render({ ...input, checks: defaultChecks({ now: NOW }) });
    const outDir = join(tempDir(), 'dist');
    // Resolved again however small (a fleet under 5,000 renderings is held by default).
    const result = synthesize({ ...input, outDir, checks: defaultChecks({ now: NOW }), resolveAgainFrom: 0 });

    expect(result.renderings).toBe(6);
    expect([...treeOf(outDir).keys()]).toEqual([...files.keys()]);
    expect(treeOf(outDir)).toEqual(files);
    expect(files.get('prod/mail/mailer.yaml')).toContain('kubernetes.io/metadata.name: shop');
    expect([...files.keys()].filter((p) => p.startsWith('prod/'))).toEqual([
      'prod/_platform/admission.yaml',
      'prod/_platform/kustomization.yaml',
      'prod/kustomization.yaml',
      'prod/mail/_namespace.yaml',
      'prod/mail/kustomization.yaml',
      'prod/mail/mailer.yaml',
      'prod/shop/_namespace.yaml',
      'prod/shop/checkout.yaml',
      'prod/shop/kustomization.yaml',
      'prod/shop/report.yaml',
    ]);
  });

  test('the render cache stores an environment once it passed its checks, so a synth failing later leaves right entries and no tree', () => {
    const dir = tempDir();
    const outDir = join(dir, 'dist');
    const cacheDir = join(dir, 'cache');
    const packsOf = () => walk(cacheDir).filter((f) => f.endsWith('.pack'));
    // Fails in prod only, as a policy rule with a prod-only finding would.
    const failsInProd: FleetCheck = Object.assign(() => undefined, {
      byEnvironment: () => ({
        check: (rendered: readonly { app: { environment: string } }[]) => rendered[0]?.app.environment !== 'prod',
        finish: () => {
          throw new Error('prod failed its check');
        },
      }),
    });
    const input = { apps: FLEET, environments: [DEV, PROD], now: NOW, outDir };

    expect(() => synthesize({ ...input, cache: new RenderCache({ dir: cacheDir, code: 'c1' }), checks: [failsInProd] })).toThrow('prod failed its check');
    expect(existsSync(outDir)).toBe(false);
    expect(packsOf()).toEqual(['v5-c1/dev/mail.pack', 'v5-c1/dev/shop.pack']);

    const cache = new RenderCache({ dir: cacheDir, code: 'c1' });
    synthesize({ ...input, cache, checks: defaultChecks({ now: NOW, memo: cache }) });
    expect(cache.stats).toMatchObject({ hits: 3, misses: 3 });
    expect(packsOf()).toEqual(['v5-c1/dev/mail.pack', 'v5-c1/dev/shop.pack', 'v5-c1/prod/mail.pack', 'v5-c1/prod/shop.pack']);
  });

  test("a team's files are laid out with an emitter of their own, the platform's with another, and read the same", () => {
    const rendered = renderFleet({ apps: FLEET, environments: [DEV] });
    expect(rendered.map((r) => r.app.team)).toEqual(['mail', 'shop', 'shop']);
    const emitters: YamlEmitter[] = [];
    const written = new Map<string, string>();
    const platform = [{ path: 'dev/_platform/x.yaml', source: 'apps/environments.ts', environment: 'dev', manifests: [rendered[0].manifests[0]] }];
    layoutFiles(
      rendered,
      platform,
      () => emitters[emitters.push(new YamlEmitter()) - 1],
      undefined,
      (path, text) => written.set(path, text),
    );

    expect(emitters).toHaveLength(3);
    const shared = new YamlEmitter();
    expect(written.get('dev/shop/checkout.yaml')).toBe(renderManifests('apps/shop/checkout.ts', rendered[1].manifests, shared));
    expect([...written.keys()]).toEqual(['dev/mail/mailer.yaml', 'dev/shop/checkout.yaml', 'dev/shop/report.yaml', 'dev/_platform/x.yaml']);
  });

  test('bounding the heap growth hands back what the work returns or throws, and sets the flag only for a large synth the user left alone', () => {
    const calls: string[] = [];
    const v8 = (processArgs: string[] = []) => ({ set: (flags: string) => calls.push(flags), processArgs });
    expect(withBoundedHeapGrowth(10, () => 42, v8())).toBe(42);
    expect(calls).toEqual([]);
    expect(withBoundedHeapGrowth(30_000, () => 42, v8())).toBe(42);
    expect(calls).toEqual(['--heap-growing-percent=25', '--heap-growing-percent=0']);
    calls.length = 0;
    expect(() =>
      withBoundedHeapGrowth(
        30_000,
        () => {
          throw new Error('boom');
        },
        v8(),
      ),
    ).toThrow('boom');
    expect(calls).toEqual(['--heap-growing-percent=25', '--heap-growing-percent=0']);
    calls.length = 0;
    expect(withBoundedHeapGrowth(30_000, () => 42, v8(['--max-old-space-size=4096', '--heap-growing-percent=50']))).toBe(42);
    expect(calls).toEqual([]);
  });
});
