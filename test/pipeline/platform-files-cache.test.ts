import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppDefinition } from '../../lib/model/app-definition';
import { DataStoreDefinition } from '../../lib/model/data-store-definition';
import { GitOpsSettings } from '../../lib/model/gitops';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { readSummedJson, writeSummedJson } from '../../lib/pipeline/cache/summed-file';
import { PlatformApp, platformAppsKey } from '../../lib/pipeline/platform-app';
import { render } from '../../lib/pipeline/synthesize';
import { sourced, testEnvironment, webDef, workerDef } from '../fixtures/definitions';
import { tempDir } from '../fixtures/temp-dir';

const SETTINGS = { profile: { dataStores: 'in-cluster' }, hardening: { internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' } } } as const;
const ENVIRONMENTS = [
  testEnvironment({ name: 'dev', domain: 'dev.acme.dev', ...SETTINGS }),
  testEnvironment({ name: 'prod', domain: 'acme.dev', ...SETTINGS }),
];
const GITOPS: GitOpsSettings = { repoURL: 'https://github.com/acme/platform.git', targetRevision: 'main' };
const NOW = new Date('2026-06-01T08:00:00Z');
const STORE: DataStoreDefinition = { kind: 'data-store', name: 'cache', team: 'shop', engine: 'redis' };
const FLEET: readonly AppDefinition[] = [
  webDef({ name: 'web', description: 'The shop front.' }),
  workerDef({ name: 'mailer' }),
  webDef({ name: 'api', team: 'ops' }),
];
/** Marks every platform file text the cache holds, so a run shows which it took from the cache. */
const PLANTED = '# planted\n';

/** A synth's platform files (not the apps', nor the catalog's) of `apps`, with the cache in `dir` when given, which it fills as a synth does. */
function platform(dir: string | undefined, apps: readonly AppDefinition[] = FLEET, now = NOW): Map<string, string> {
  const cache = dir === undefined ? undefined : new RenderCache({ dir, code: 'code' });
  const { files, platform: made } = render({
    apps: apps.map((d) => sourced(d)),
    dataStores: [{ definition: STORE, source: 'apps/shop/cache.ts' }],
    environments: ENVIRONMENTS,
    gitops: GITOPS,
    now,
    cache,
  });
  cache?.store(files);
  return new Map(made.map((f) => [f.path, files.get(f.path)!]));
}

const FORMAT = 'golden-path-platform/2';

function stored(dir: string): { file: string; entry: { keys: string[]; texts: string[] } }[] {
  const folder = join(dir, 'v5-code');
  return readdirSync(folder)
    .filter((name) => !name.startsWith('_'))
    .map((env) => join(folder, env, '_platform.json'))
    .map((file) => ({ file, entry: readSummedJson(file, FORMAT) as { keys: string[]; texts: string[] } }));
}

/** Appends PLANTED to every stored text. */
function plant(dir: string): void {
  for (const { file, entry } of stored(dir)) writeSummedJson(file, FORMAT, { ...entry, texts: entry.texts.map((t) => t + PLANTED) });
}

/** The platform files a run made afresh: those without the planted mark. */
function made(files: ReadonlyMap<string, string>): string[] {
  return [...files].filter(([, text]) => !text.endsWith(PLANTED)).map(([path]) => path);
}

describe("render cache: the platform's own files, keyed by what they read of the apps", () => {
  test('an edit of what they do not read (image, description, resources) takes them from the cache, stored again under the apps new keys', () => {
    const dir = tempDir();
    platform(dir);
    const before = stored(dir).map(({ entry }) => entry.keys);
    expect(before.map((keys) => keys.length)).toEqual([2, 2]);
    plant(dir);
    const edited = [
      webDef({ name: 'web', description: 'Another text.', image: 'ghcr.io/acme/web:2.0.0', resources: { cpu: '1', memory: '1Gi' } }),
      ...FLEET.slice(1),
    ];
    const warm = platform(dir, edited);
    expect(made(warm)).toEqual([]);
    expect([...warm.keys()]).toEqual([...platform(undefined, edited).keys()]);
    // The key of what they read stays; the one of the apps' keys is the edited fleet's.
    const after = stored(dir).map(({ entry }) => entry.keys);
    expect(after.map((keys, i) => [keys[0] === before[i][0], keys[1] === before[i][1]])).toEqual([
      [true, false],
      [true, false],
    ]);
    // Back to the first fleet: still from the cache.
    expect(made(platform(dir))).toEqual([]);
  });

  test("an app whose definition holds code (rendered every run without the repository's root) leaves them cached: they never read its objects", () => {
    const dir = tempDir();
    const apps = [...FLEET.slice(0, 2), webDef({ name: 'api', team: 'ops', customize: () => undefined })];
    platform(dir, apps);
    plant(dir);
    expect(made(platform(dir, apps))).toEqual([]);
  });

  test('an entry whose keys are not a list of strings (or of the format with one key) is a miss: rendered again, never a failure', () => {
    const dir = tempDir();
    const none = platform(undefined);
    platform(dir);
    for (const keys of [undefined, 'a-key', [42], []]) {
      for (const { file, entry } of stored(dir)) {
        const { keys: own, ...rest } = entry;
        writeSummedJson(file, FORMAT, { ...rest, key: own[0], keys, texts: entry.texts.map((t) => t + PLANTED) });
      }
      const warm = platform(dir);
      expect(made(warm)).toEqual([...none.keys()]);
      expect(warm).toEqual(none);
    }
  });

  test('a file whose bytes changed after it was written (a flipped byte that still parses) is a miss: its texts would go to dist/ as they are', () => {
    const dir = tempDir();
    const none = platform(undefined);
    platform(dir);
    for (const { file } of stored(dir)) {
      const bytes = readFileSync(file);
      const at = bytes.indexOf('name: dev-shop') >= 0 ? bytes.indexOf('name: dev-shop') : bytes.indexOf('name: prod-shop');
      expect(at).toBeGreaterThan(0);
      bytes[at + 'name: '.length] = 'x'.charCodeAt(0);
      writeFileSync(file, bytes);
      // Still JSON, and still a stored entry: only the sum tells.
      expect(() => JSON.parse(bytes.toString('utf8', 0, bytes.indexOf('\n')))).not.toThrow();
      expect(readSummedJson(file, FORMAT)).toBeUndefined();
    }
    const warm = platform(dir);
    expect(made(warm)).toEqual([...none.keys()]);
    expect(warm).toEqual(none);
  });

  // [what changed, the fleet after, a file it changes, a line the file gains (or loses) with it]
  test.each<[string, readonly AppDefinition[], string, { gains: string } | { loses: string }]>([
    ['an app of a new team', [...FLEET, webDef({ name: 'ledger', team: 'billing' })], 'argocd/dev/billing.yaml', { gains: '  name: dev-billing\n' }],
    [
      'an app hardened (in production, its team syncs by review)',
      [webDef({ name: 'web', image: `ghcr.io/acme/web:1.0.0@sha256:${'a'.repeat(64)}`, hardened: { dataClass: 'pci' } } as never), ...FLEET.slice(1)],
      'argocd/prod/shop.yaml',
      { loses: '    automated:\n' },
    ],
    [
      'an app calling the shared store (which admits it)',
      [webDef({ name: 'web', dependsOn: [STORE] }), ...FLEET.slice(1)],
      'dev/shop/cache.yaml',
      { gains: '              app.kubernetes.io/name: web\n' },
    ],
    [
      'a waiver declared',
      [
        webDef({
          name: 'web',
          waivers: [{ rule: 'read-only-root-filesystem', reason: 'a test of the cache keys', owner: 'team-shop', expires: '2026-06-30' }],
        }),
        ...FLEET.slice(1),
      ],
      'prod/_platform/admission.yaml',
      { gains: 'kind: PolicyException\n' },
    ],
  ])('%s: made again in every environment, the bytes of a synth without the cache', (_, apps, path, change) => {
    const dir = tempDir();
    const before = platform(dir);
    plant(dir);
    const warm = platform(dir, apps);
    const none = platform(undefined, apps);
    expect(made(warm)).toEqual([...none.keys()]);
    expect(warm).toEqual(none);
    const [gained, lost] = 'gains' in change ? [warm, before] : [before, warm];
    const line = 'gains' in change ? change.gains : change.loses;
    expect(gained.get(path)).toContain(line);
    // A new team's file is not there before.
    expect(lost.get(path) ?? '').not.toContain(line);
  });
});

describe('platformAppsKey', () => {
  const app: PlatformApp = { name: 'web', namespace: 'shop', environment: 'dev', source: 'apps/shop/web.ts', team: 'shop', hardened: false, calls: [] };

  test('changes with every field of the view, waivers walked apart', () => {
    const waiver = { rule: 'read-only-root-filesystem', reason: 'a test of the cache keys', owner: 'team-shop', expires: '2026-06-30' };
    const keys = [
      app,
      { ...app, name: 'api' },
      { ...app, hardened: true },
      { ...app, calls: [{ app: 'cache', namespace: 'shop' }] },
      { ...app, waivers: [waiver] },
      { ...app, waivers: [{ ...waiver, expires: '2026-07-01' }] },
    ].map((view) => JSON.stringify(platformAppsKey([view])));
    expect(new Set(keys).size).toBe(keys.length);
    expect(platformAppsKey([app, { ...app, name: 'api' }])).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), []]);
    expect(platformAppsKey([app, { ...app, waivers: [waiver] }])![1]).toEqual([[1, [waiver]]]);
  });

  test('is undefined for views that have no JSON (a bigint or a cycle in a waiver): not cached', () => {
    expect(platformAppsKey([{ ...app, waivers: [{ reason: 1n } as never] }])).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(platformAppsKey([{ ...app, waivers: [cycle as never] }])).toBeUndefined();
  });
});
