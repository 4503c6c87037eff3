import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFiles } from '../../lib/catalog/catalog-files';
import { AppDefinition } from '../../lib/model/app-definition';
import { Environment } from '../../lib/model/environment';
import { GitOpsSettings } from '../../lib/model/gitops';
import { Peer } from '../../lib/model/peer';
import { ResolvedApp } from '../../lib/model/resolved-app';
import { YamlEmitter } from '../../lib/output/emit-yaml';
import { CatalogStore } from '../../lib/pipeline/cache/catalog-store';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { readSummedJson, writeSummedJson } from '../../lib/pipeline/cache/summed-file';
import { render } from '../../lib/pipeline/synthesize';
import { sourced, testEnvironment, webDef, workerDef } from '../fixtures/definitions';
import { tempDir } from '../fixtures/temp-dir';

const DEV = testEnvironment({ name: 'dev', domain: 'dev.acme.dev' });
const PROD = testEnvironment({ name: 'prod', domain: 'acme.dev' });
const GITOPS = { repoURL: 'https://github.com/acme/platform.git', targetRevision: 'main' };
const FLEET = [
  webDef({ name: 'web', description: 'The shop front.', metricsPort: 9090, network: { egress: [Peer.app('mailer')] } }),
  workerDef({ name: 'mailer' }),
  webDef({ name: 'api', team: 'ops' }),
];
/** Marks every text the cache holds, so a run shows which catalog files it took from the cache. */
const PLANTED = '# planted\n';

interface Fleet {
  readonly apps?: readonly AppDefinition[];
  readonly environments?: readonly Environment[];
  readonly gitops?: GitOpsSettings;
}

/** The catalog's files of a fleet (by default FLEET in dev and prod), with the cache in `dir` when given, which it fills as a synth does. */
function catalog(dir: string | undefined, { apps = FLEET, environments = [DEV, PROD], gitops = GITOPS }: Fleet = {}): Map<string, string> {
  const cache = dir === undefined ? undefined : new RenderCache({ dir, code: 'code' });
  const { files } = render({ apps: apps.map((d) => sourced(d)), environments, gitops, cache });
  cache?.store(files);
  return new Map([...files].filter(([path]) => path.startsWith('catalog/')));
}

function catalogFolder(dir: string): string {
  return join(dir, 'v5-code', '_catalog');
}

const FORMAT = 'golden-path-catalog/2';

/** A team file's entries: text by key. */
function entriesOf(file: string): Record<string, string> {
  return readSummedJson(file, FORMAT) as Record<string, string>;
}

/** Appends PLANTED to every stored text (with a right sum: as if it had been stored so). */
function plant(dir: string): void {
  for (const name of readdirSync(catalogFolder(dir))) {
    const file = join(catalogFolder(dir), name);
    const entries = entriesOf(file);
    for (const key of Object.keys(entries)) entries[key] += PLANTED;
    writeSummedJson(file, FORMAT, entries);
  }
}

/** The catalog files a run made afresh: those without the planted mark. */
function made(files: ReadonlyMap<string, string>): string[] {
  return [...files].filter(([, text]) => !text.endsWith(PLANTED)).map(([path]) => path);
}

describe("render cache: the Backstage catalog's files", () => {
  test("are stored per team and taken back as they were, byte for byte what they are without the cache; an unchanged fleet's catalog is made of stored texts only", () => {
    const dir = tempDir();
    const none = catalog(undefined);
    expect(catalog(dir)).toEqual(none);
    expect(readdirSync(catalogFolder(dir)).sort()).toEqual(['_location.json', 'ops.json', 'shop.json']);
    expect(catalog(dir)).toEqual(none);
    plant(dir);
    const warm = catalog(dir);
    expect([...warm.keys()]).toEqual(['catalog/all.yaml', 'catalog/ops/api.yaml', 'catalog/shop/mailer.yaml', 'catalog/shop/web.yaml']);
    expect(made(warm)).toEqual([]);
    expect(warm.get('catalog/shop/web.yaml')).toBe(`${none.get('catalog/shop/web.yaml')}${PLANTED}`);
  });

  // [what changed, the fleet after, the files made again (the others are the stored texts), a file made again, a line of it]
  test.each<[string, Fleet, string[], string, string]>([
    [
      "an app's description edited",
      { apps: [webDef({ name: 'web', description: 'The new shop front.', metricsPort: 9090, network: { egress: [Peer.app('mailer')] } }), FLEET[1], FLEET[2]] },
      ['catalog/shop/web.yaml'],
      'catalog/shop/web.yaml',
      '  description: The new shop front.\n',
    ],
    // An app's owner is its team: another Component, in the other team's namespace, and another Location.
    [
      'an app moved to another team',
      { apps: [FLEET[0], FLEET[1], webDef({ name: 'api', team: 'billing' })] },
      ['catalog/all.yaml', 'catalog/billing/api.yaml'],
      'catalog/billing/api.yaml',
      '  owner: group:default/billing\n',
    ],
    [
      'a dependency added to an app',
      {
        apps: [
          webDef({
            name: 'web',
            description: 'The shop front.',
            metricsPort: 9090,
            network: { egress: [Peer.app('mailer'), Peer.app('api', { namespace: 'ops' })] },
          }),
          FLEET[1],
          FLEET[2],
        ],
      },
      ['catalog/shop/web.yaml'],
      'catalog/shop/web.yaml',
      '  dependsOn:\n    - component:ops/api\n    - component:shop/mailer\n',
    ],
    // The web calls the mailer: its Component depends on nothing any more.
    [
      'an app another depends on removed',
      { apps: [FLEET[0], FLEET[2]] },
      ['catalog/all.yaml', 'catalog/shop/web.yaml'],
      'catalog/all.yaml',
      '  targets:\n    - ./ops/api.yaml\n    - ./shop/web.yaml\n',
    ],
    [
      'an app added',
      { apps: [...FLEET, workerDef({ name: 'ledger', team: 'ops' })] },
      ['catalog/all.yaml', 'catalog/ops/ledger.yaml'],
      'catalog/all.yaml',
      '    - ./ops/ledger.yaml\n',
    ],
    // Every Component's renderings change; the web's text too (a dashboard per environment).
    [
      'an environment added',
      { environments: [DEV, testEnvironment({ name: 'staging', domain: 'staging.acme.dev' }), PROD] },
      ['catalog/ops/api.yaml', 'catalog/shop/mailer.yaml', 'catalog/shop/web.yaml'],
      'catalog/shop/web.yaml',
      '      title: Dashboard (staging)\n',
    ],
    [
      "the repository's revision changed",
      { gitops: { ...GITOPS, targetRevision: 'release' } },
      ['catalog/ops/api.yaml', 'catalog/shop/mailer.yaml', 'catalog/shop/web.yaml'],
      'catalog/shop/web.yaml',
      '    backstage.io/view-url: https://github.com/acme/platform/blob/release/apps/shop/web.ts\n',
    ],
  ])('%s: those files made again, and only those, the same bytes as without the cache', (_, fleet, again, path, line) => {
    const dir = tempDir();
    catalog(dir);
    plant(dir);
    const warm = catalog(dir, fleet);
    expect(made(warm)).toEqual(again);
    const none = catalog(undefined, fleet);
    expect([...warm].map(([file, text]) => [file, text.replace(PLANTED, '')])).toEqual([...none]);
    expect(warm.get(path)).toContain(line);
  });

  /** The catalog stored once (and marked, to tell made files from cached ones), what no cache gives, and the shop team's file. */
  const storedOnce = () => {
    const dir = tempDir();
    const none = catalog(undefined);
    catalog(dir);
    plant(dir);
    return { dir, none, shop: join(catalogFolder(dir), 'shop.json') };
  };

  test('a team file that does not read back whole, or of another format, is a miss: made again, never a failure', () => {
    const { dir, none, shop } = storedOnce();
    writeFileSync(shop, readFileSync(shop, 'utf8').slice(0, -10));
    const ops = join(catalogFolder(dir), 'ops.json');
    writeSummedJson(ops, 'golden-path-catalog/1', entriesOf(ops));
    const location = join(catalogFolder(dir), '_location.json');
    writeSummedJson(location, FORMAT, Object.fromEntries(Object.keys(entriesOf(location)).map((k) => [k, 42])));
    const warm = catalog(dir);
    expect(made(warm)).toEqual([...none.keys()]);
    expect(warm).toEqual(none);
    // Stored again whole: the next run takes every file from the cache.
    plant(dir);
    expect(made(catalog(dir))).toEqual([]);
  });

  test('a team file whose bytes changed after it was written (a flipped byte that still parses) is a miss: its texts would go to dist/ as they are', () => {
    const { dir, none, shop } = storedOnce();
    const bytes = readFileSync(shop);
    const at = bytes.indexOf('name: ');
    expect(at).toBeGreaterThan(0);
    bytes[at + 'name: '.length] = 'x'.charCodeAt(0);
    writeFileSync(shop, bytes);
    expect(readSummedJson(shop, FORMAT)).toBeUndefined();
    const warm = catalog(dir);
    expect(made(warm)).toEqual(expect.arrayContaining(['catalog/shop/mailer.yaml', 'catalog/shop/web.yaml']));
    expect(made(warm)).not.toContain('catalog/ops/api.yaml');
    expect(warm.get('catalog/shop/web.yaml')).toBe(none.get('catalog/shop/web.yaml'));
  });

  test('a team file holds the entries the last run that changed it used: an app removed leaves its team file', () => {
    const dir = tempDir();
    catalog(dir);
    catalog(dir, { apps: [FLEET[0], FLEET[2]] });
    const stored = (team: string) => Object.values(entriesOf(join(catalogFolder(dir), `${team}.json`)));
    expect(stored('shop').map((text) => /name: (\S+)/.exec(text)![1])).toEqual(['web']);
    expect(stored('ops')).toHaveLength(1);
  });

  test('a Component of an app whose definition holds code (no resolution key) is made every run, the others are cached', () => {
    const dir = tempDir();
    const apps = [...FLEET.slice(0, 2), webDef({ name: 'api', team: 'ops', customize: () => undefined })];
    catalog(dir, { apps });
    plant(dir);
    expect(made(catalog(dir, { apps }))).toEqual(['catalog/ops/api.yaml']);
  });
});

describe('catalogFiles with a CatalogStore: what keys a Component beyond its renderings', () => {
  const apps = render({ apps: FLEET.map((d) => sourced(d)), environments: [DEV, PROD] }).apps;
  // Each rendering keyed by its place alone: what else a Component reads must be in its key.
  const byPlace = (app: ResolvedApp) => `${app.environment}/${app.team}/${app.name}`;

  test('the repository its links point at (given apart from the apps)', () => {
    const dir = tempDir();
    const first = new CatalogStore(() => dir, byPlace);
    const before = catalogFiles(apps, { gitops: GITOPS }, new YamlEmitter(), first);
    first.store();
    const after = catalogFiles(
      apps,
      { gitops: { repoURL: 'https://github.com/acme/other.git', targetRevision: 'main' } },
      new YamlEmitter(),
      new CatalogStore(() => dir, byPlace),
    );
    expect(before.get('catalog/shop/web.yaml')).toContain('    backstage.io/view-url: https://github.com/acme/platform/blob/main/apps/shop/web.ts\n');
    expect(after.get('catalog/shop/web.yaml')).toContain('    backstage.io/view-url: https://github.com/acme/other/blob/main/apps/shop/web.ts\n');
    expect(after).toEqual(catalogFiles(apps, { gitops: { repoURL: 'https://github.com/acme/other.git', targetRevision: 'main' } }));
  });

  test('once stored, holds no texts: a second store writes nothing, and a later read takes the texts from the file', () => {
    const dir = tempDir();
    const store = new CatalogStore(() => dir, byPlace);
    const made = catalogFiles(apps, { gitops: GITOPS }, new YamlEmitter(), store);
    store.store();
    const file = join(dir, '_catalog', 'shop.json');
    const written = statSync(file);
    store.store();
    expect(statSync(file).ino).toBe(written.ino);
    // The file is what a read meets now: a planted text comes back, which a text held in memory would not.
    writeSummedJson(file, FORMAT, { ...entriesOf(file), [Object.keys(entriesOf(file))[0]]: 'from the file\n' });
    const again = catalogFiles(apps, { gitops: GITOPS }, new YamlEmitter(), store);
    expect([...again.values()].filter((text) => text === 'from the file\n')).toHaveLength(1);
    expect(again.size).toBe(made.size);
  });

  test('a rendering without a key: its Component is made and not stored', () => {
    const dir = tempDir();
    const store = new CatalogStore(
      () => dir,
      (app) => (app.name === 'api' ? undefined : byPlace(app)),
    );
    catalogFiles(apps, { gitops: GITOPS }, new YamlEmitter(), store);
    store.store();
    const stored = (team: string) => readSummedJson(join(dir, '_catalog', `${team}.json`), FORMAT) as object | undefined;
    expect(Object.keys(stored('shop')!)).toHaveLength(2);
    expect(stored('ops')).toBeUndefined();
  });
});
