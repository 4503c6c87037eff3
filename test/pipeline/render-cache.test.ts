import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateFleet } from '../../bench/fleet';
import { Rng } from '../../bench/rng';
import { AppDefinition, SourcedApp } from '../../lib/model/app-definition';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { PackEntry, readPack, writePack } from '../../lib/pipeline/cache/pack-file';
import { readSummedJson, writeSummedJson } from '../../lib/pipeline/cache/summed-file';
import { encodeChecks, storedResults } from '../../lib/pipeline/cache/stored-checks';
import { ObjectResults } from '../../lib/policy/object-results';
import { decodeManifests } from '../../lib/pipeline/cache/manifest-lines';
import { FleetInput } from '../../lib/pipeline/render-fleet';
import { render } from '../../lib/pipeline/synthesize';
import { loadProject } from '../../lib/pipeline/load-project';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { CheckReport } from '../../lib/policy/report';
import { REPO } from '../fixtures/sample-fleet';
import { tempDir } from '../fixtures/temp-dir';

/** Waivers expire against a fixed day, so reports compare across runs. */
const NOW = new Date('2026-06-01T00:00:00Z');

/** Renders and checks as `platform synth` does, without a cache: the files and the policy report. */
function uncachedRender(input: FleetInput) {
  let report: CheckReport | undefined;
  const { files } = render({ ...input, checks: defaultChecks({ now: NOW, onReport: (r) => (report = r) }) });
  return { files, report: report! };
}

/** Renders and checks with the cache and fills it as a successful synth does; returns the files, the policy report and what the cache did. */
function cachedRender(input: FleetInput, dir: string, code = 'code-1', now?: () => number, root?: string) {
  const cache = new RenderCache({ dir, code, now, root });
  let report: CheckReport | undefined;
  const { files } = render({ ...input, cache, checks: defaultChecks({ now: NOW, onReport: (r) => (report = r), memo: cache }) });
  cache.store(files);
  cache.prune();
  return { files, report: report!, stats: { ...cache.stats } };
}

/** The stored entries of every pack under `dir`, by pack file. */
function packs(dir: string): Map<string, string[]> {
  return new Map(
    entries(dir)
      .filter((file) => file.endsWith('.pack'))
      .map((file) => [file, [...(readPack(file)?.keys() ?? [])]]),
  );
}

function entries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

describe('render cache: the sample fleet', () => {
  const project = loadProject(REPO);
  const input: FleetInput = {
    apps: project.apps,
    dataStores: project.dataStores,
    environments: project.environments,
    releases: project.releases.pin,
    gitops: project.gitops,
  };

  test('a warm cache gives the bytes and the check report of no cache; without the repository root, apps whose definition holds code (customize) are rendered every run', () => {
    const dir = tempDir();
    const none = uncachedRender(input);
    const cold = cachedRender(input, dir);
    const warm = cachedRender(input, dir);
    expect(cold.files).toEqual(none.files);
    expect(warm.files).toEqual(none.files);
    // Same findings in the same order, waivers and their uses included; the sample fleet has waived and open findings.
    expect(cold.report).toEqual(none.report);
    expect(warm.report).toEqual(none.report);
    expect(JSON.stringify(warm.report)).toBe(JSON.stringify(none.report));
    // Every app in every environment; those with escape hatches written as code (payment-gateway's and
    // checkout-api's, 2 apps x 3 environments at least) are rendered every run. Derived, so a new sample app does not break it.
    const renderings = render(input).rendered.length;
    const { uncacheable } = cold.stats;
    expect(uncacheable).toBeGreaterThanOrEqual(6);
    expect(cold.stats).toEqual({ hits: 0, misses: renderings - uncacheable, uncacheable, errors: 0 });
    expect(warm.stats).toEqual({ hits: renderings - uncacheable, misses: 0, uncacheable, errors: 0 });
  });

  test("with the repository's root, apps whose definition holds code are cached too, keyed by their source: the same bytes and report", () => {
    const dir = tempDir();
    const none = uncachedRender(input);
    const cold = cachedRender(input, dir, 'code-1', undefined, REPO);
    const warm = cachedRender(input, dir, 'code-1', undefined, REPO);
    expect(cold.files).toEqual(none.files);
    expect(warm.files).toEqual(none.files);
    expect(JSON.stringify(warm.report)).toBe(JSON.stringify(none.report));
    // 11 apps x 3 environments, less the two that are not deployed everywhere: payment-gateway's and checkout-api's 6 among them.
    expect(cold.stats).toEqual({ hits: 0, misses: 31, uncacheable: 0, errors: 0 });
    expect(warm.stats).toEqual({ hits: 31, misses: 0, uncacheable: 0, errors: 0 });
  });

  test('a truncated pack, a damaged entry and a file of another format are misses, rendered and stored again, never a failure', () => {
    const dir = tempDir();
    const none = render(input).files;
    const cold = cachedRender(input, dir);
    const [truncated, damaged, foreign] = [...packs(dir)].filter(([, keys]) => keys.length > 0);
    writeFileSync(truncated[0], readFileSync(truncated[0]).subarray(0, -10));
    const stored = [...readPack(damaged[0])!.values()];
    writePack(damaged[0], [{ ...stored[0], manifests: '[{"kind": "trunc' }, ...stored.slice(1)]);
    writeFileSync(foreign[0], 'null\n');
    const lost = truncated[1].length + 1 + foreign[1].length;
    const again = cachedRender(input, dir);
    expect(again.files).toEqual(none);
    expect(again.stats).toEqual({ hits: cold.stats.misses - lost, misses: lost, uncacheable: cold.stats.uncacheable, errors: 0 });
    expect(cachedRender(input, dir).stats.hits).toBe(cold.stats.misses);
  });

  test("a hit's objects are not checked again: the report shows what the schema and the object rules found when it was stored, from the summary or from the results", () => {
    const dir = tempDir();
    const cold = cachedRender(input, dir);
    expect(cold.report.findings.filter((f) => f.message?.startsWith('stored, not found again'))).toEqual([]);
    // Plant a finding of a warning rule (an error would stop the synth) in two entries' first object: one
    // stored with its summary, one as results alone (no summary line), which the checks then read.
    const file = entries(dir).find((f) => f.endsWith('.pack') && [...readPack(f)!.values()].filter((e) => e.checks !== undefined).length >= 2)!;
    const stored = [...readPack(file)!.values()];
    const [summarized, bare] = stored.filter((e) => e.checks !== undefined);
    const planted = (entry: PackEntry, message: string) => {
      const checks = storedResults(entry.checks!.toString()) as ObjectResults & { rules: { byRule: Record<string, unknown[][]> } };
      checks.rules.byRule['read-only-root-filesystem'][0] = [{ message }];
      return checks;
    };
    const changed = new Map([
      [summarized, encodeChecks(planted(summarized, 'stored, not found again (summary)'), decodeManifests(summarized.manifests)!.length)],
      [bare, JSON.stringify(planted(bare, 'stored, not found again (results)'))],
    ]);
    writePack(
      file,
      stored.map((e) => ({ ...e, checks: changed.get(e) ?? e.checks })),
    );
    const warm = cachedRender(input, dir);
    const found = warm.report.findings.filter((f) => f.message?.startsWith('stored, not found again'));
    const kind = (entry: PackEntry) => decodeManifests(entry.manifests)![0].kind;
    expect(found.map((f) => [f.rule, f.severity, f.object.kind, f.message]).sort()).toEqual(
      [
        ['read-only-root-filesystem', 'warning', kind(summarized), 'stored, not found again (summary)'],
        ['read-only-root-filesystem', 'warning', kind(bare), 'stored, not found again (results)'],
      ].sort(),
    );
  });

  test('another version of the platform code misses every entry', () => {
    const dir = tempDir();
    const first = cachedRender(input, dir, 'code-1');
    expect(first.stats.misses).toBeGreaterThan(0);
    expect(cachedRender(input, dir, 'code-2').stats).toEqual({ ...first.stats, hits: 0 });
  });
});

describe('render cache: a seeded fleet under random edits', () => {
  const fleet = generateFleet({ apps: 12, seed: 5 });
  const rng = new Rng(17);
  const environments = fleet.environments;

  /** Puts `definition` in place of `old`, also where another app's dependsOn points at it (as an import would). */
  const replace = (apps: SourcedApp[], old: SourcedApp, definition: AppDefinition): SourcedApp[] =>
    apps.map((a) => {
      if (a === old) return { ...a, definition };
      const deps = a.definition.dependsOn;
      if (!deps?.includes(old.definition)) return a;
      return { ...a, definition: { ...a.definition, dependsOn: deps.map((d) => (d === old.definition ? definition : d)) } };
    });
  const changeApp = (apps: SourcedApp[]): SourcedApp[] => {
    const app = apps[rng.int(0, apps.length - 1)];
    return replace(apps, app, { ...app.definition, env: { ...app.definition.env, EDITED: String(rng.int(1, 1000)) } });
  };
  const addApp = (apps: SourcedApp[]): SourcedApp[] => {
    const template = apps[rng.int(0, apps.length - 1)].definition;
    const name = `added-${rng.int(1000, 9999)}`;
    const definition = { ...template, name, image: `ghcr.io/acme/${name}:1.0.0` } as AppDefinition;
    return [...apps, { definition, source: `apps/${definition.team}/${name}.ts` }];
  };
  const removeApp = (apps: SourcedApp[]): SourcedApp[] => {
    const i = rng.int(0, apps.length - 1);
    // A removed app must not be another's peer or dependency; the fleet's leaves are its scheduled tasks.
    const leaf = apps.findIndex((a, j) => j >= i && a.definition.kind === 'scheduled-task');
    return apps.filter((_, j) => j !== (leaf < 0 ? apps.findIndex((a) => a.definition.kind === 'scheduled-task') : leaf));
  };
  const addDependency = (apps: SourcedApp[]): SourcedApp[] => {
    const callees = apps.filter((a) => a.definition.kind === 'web-service');
    const callee = callees[rng.int(0, callees.length - 1)];
    const callers = apps.filter((a) => a !== callee && !(a.definition.dependsOn ?? []).includes(callee.definition));
    const caller = callers[rng.int(0, callers.length - 1)];
    return replace(apps, caller, { ...caller.definition, dependsOn: [...(caller.definition.dependsOn ?? []), callee.definition] });
  };

  test('every edit synthesizes with a warm cache to the bytes and the check report of a synth without one', () => {
    const dir = tempDir();
    // Some apps with findings, waived in prod for one of them and never used for another, so the reports have something to differ in.
    const waiver = {
      rule: 'read-only-root-filesystem',
      environment: 'prod',
      reason: 'writes its cache to the root filesystem',
      owner: 'team-a',
      expires: '2026-12-31',
    };
    let apps = fleet.apps.map((a, i): SourcedApp => {
      if (i === 0 || i === 3) return { ...a, definition: { ...a.definition, security: { ...a.definition.security, writableRootFilesystem: true } } };
      if (i === 5 || i === 6)
        return {
          ...a,
          definition: { ...a.definition, security: { ...a.definition.security, writableRootFilesystem: true }, waivers: [waiver] },
        };
      if (i === 8) return { ...a, definition: { ...a.definition, waivers: [waiver] } };
      return a;
    });
    let envs = [...environments];
    let version = 1;
    let code = 'code-1';
    const steps: [string, () => void][] = [
      ['an app changed', () => (apps = changeApp(apps))],
      ['an app added', () => (apps = addApp(apps))],
      ['an app removed', () => (apps = removeApp(apps))],
      ['a dependency added', () => (apps = addDependency(apps))],
      [
        'an environment default changed',
        () => (envs = envs.map((e, i) => (i === 1 ? { ...e, profile: { ...e.profile, resources: { cpu: `${100 + rng.int(1, 99)}m`, memory: '300Mi' } } } : e))),
      ],
      ['the platform code changed', () => (code = `code-${++version}`)],
    ];
    const first = cachedRender({ apps, environments: envs, gitops: fleet.gitops }, dir, code);
    expect(first.stats.hits).toBe(0);
    const hits: Record<string, number> = {};
    let findings = Infinity;
    for (const [what, edit] of [...steps, ...rng.shuffle([...steps])]) {
      edit();
      const input = { apps, environments: envs, gitops: fleet.gitops };
      const warm = cachedRender(input, dir, code);
      const none = uncachedRender(input);
      const differing = [...new Set([...warm.files.keys(), ...none.files.keys()])].filter((path) => warm.files.get(path) !== none.files.get(path));
      expect({ what, differing }).toEqual({ what, differing: [] });
      expect({ what, report: JSON.stringify(warm.report) }).toEqual({ what, report: JSON.stringify(none.report) });
      findings = Math.min(findings, none.report.findings.length);
      hits[what] = Math.min(hits[what] ?? Infinity, warm.stats.hits);
    }
    // The cache did serve most apps after a one-app edit, and nothing after a code change.
    expect(hits['an app changed']).toBeGreaterThanOrEqual(30);
    expect(hits['the platform code changed']).toBe(0);
    // The reports compared had findings to differ in: 4 apps x 3 environments, one container each at least.
    expect(findings).toBeGreaterThanOrEqual(12);
    expect(first.report.summary).toMatchObject({ waived: 2, unusedWaivers: 1 });
  });
});

describe("render cache: the platform's own files", () => {
  const { apps, environments, gitops } = generateFleet({ apps: 3, seed: 1 });
  const input = { apps, environments, gitops };
  const synth = (dir: string, now: Date, fleet: FleetInput = input) => {
    const cache = new RenderCache({ dir, code: 'code' });
    const { files } = render({ ...fleet, cache, now });
    cache.store(files);
    return files;
  };

  test('are kept per environment under a key of the environment, its apps and the day waivers expire against', () => {
    const dir = tempDir();
    const day = new Date('2026-06-01T08:00:00Z');
    const first = synth(dir, day);
    const stored = join(dir, 'v5-code', 'dev', '_platform.json');
    const FORMAT = 'golden-path-platform/2';
    const entry = readSummedJson(stored, FORMAT) as { files: { path: string }[]; texts: string[] };
    const at = entry.files.findIndex((f) => f.path === 'dev/shop/_namespace.yaml');
    expect(entry.texts[at]).toBe(first.get('dev/shop/_namespace.yaml'));
    // Planted under the same key: a later run that day takes the stored files and their texts as they are.
    entry.texts[at] += '# planted\n';
    writeSummedJson(stored, FORMAT, entry);
    expect(synth(dir, new Date('2026-06-01T20:00:00Z')).get('dev/shop/_namespace.yaml')).toBe(`${first.get('dev/shop/_namespace.yaml')}# planted\n`);
    // An entry missing its texts does not read back: rendered afresh.
    writeSummedJson(stored, FORMAT, { ...entry, texts: undefined });
    expect(synth(dir, day).get('dev/shop/_namespace.yaml')).toBe(first.get('dev/shop/_namespace.yaml'));
    // Another day, or another app in the environment, is another key: rendered afresh.
    writeSummedJson(stored, FORMAT, entry);
    expect(synth(dir, new Date('2026-06-02T08:00:00Z')).get('dev/shop/_namespace.yaml')).toBe(first.get('dev/shop/_namespace.yaml'));
    writeSummedJson(stored, FORMAT, entry);
    const fewer = synth(dir, day, { ...input, apps: [apps[0]] });
    expect([...fewer.values()].filter((text) => text.includes('planted'))).toEqual([]);
    expect(fewer).toEqual(render({ ...input, apps: [apps[0]], now: day }).files);
  });
});

describe('render cache: storing', () => {
  test("writes each pack before it encodes the next: a cold synth holds one pack's entries as bytes, not an environment's", () => {
    const { apps, environments, gitops } = generateFleet({ apps: 30, seed: 3 });
    const dir = tempDir();
    const cache = new RenderCache({ dir, code: 'code-1' });
    const { files } = render({ apps, environments, gitops, cache, checks: defaultChecks({ now: NOW, memo: cache }) });
    const appFiles = new Set(environments.flatMap((e) => apps.map((a) => `${e.name}/${a.definition.team}/${a.definition.name}.yaml`)));
    // For each app file the store reads to encode its entry: the pack (environment/team), and how many packs were on disk then.
    const onDisk = new Map<string, number[]>();
    cache.store({
      get: (path) => {
        const pack = path.split('/').slice(0, 2).join('/');
        if (appFiles.has(path)) onDisk.set(pack, [...(onDisk.get(pack) ?? []), entries(dir).filter((f) => f.endsWith('.pack')).length]);
        return files.get(path);
      },
    });
    // 20 teams, in each environment in the teams' order: the 18th of dev (shop, 2 apps) is encoded after 17 packs are written.
    expect(onDisk.size).toBe(60);
    expect(onDisk.get('dev/analytics')).toEqual([0, 0]);
    expect(onDisk.get('dev/shop')).toEqual([17, 17]);
    expect(onDisk.get('prod/shop')).toEqual([57, 57]);
  });
});

describe('render cache: pruning', () => {
  const DAY = 24 * 3600 * 1000;
  const { apps, environments, gitops } = generateFleet({ apps: 3, seed: 1 });
  const input = { apps, environments, gitops };

  test('drops other code versions unused for a day, packs no run read for maxUnusedMs and unfinished writes older than an hour', () => {
    const dir = tempDir();
    cachedRender(input, dir, 'old-code');
    cachedRender(input, dir, 'new-code');
    const longAgo = new Date(Date.now() - 8 * DAY);
    const stale = join(dir, 'v5-new-code', 'gone', 'gone.pack');
    mkdirSync(join(dir, 'v5-new-code', 'gone'));
    writeFileSync(stale, 'x');
    utimesSync(stale, longAgo, longAgo);
    const oldTemp = join(dir, 'v5-new-code', 'dev', 'x.pack.tmp-1-aaaa');
    const newTemp = join(dir, 'v5-new-code', 'dev', 'x.pack.tmp-1-bbbb');
    writeFileSync(oldTemp, 'x');
    writeFileSync(newTemp, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(oldTemp, twoHoursAgo, twoHoursAgo);
    mkdirSync(join(dir, 'v2-new-code'));
    for (const old of ['v5-old-code', 'v2-new-code']) utimesSync(join(dir, old), longAgo, longAgo);
    for (const file of entries(join(dir, 'v5-new-code'))) if (file.endsWith('.pack')) utimesSync(file, longAgo, longAgo);

    cachedRender(input, dir, 'new-code');
    expect(readdirSync(dir)).toEqual(['v5-new-code']);
    const kept = entries(dir);
    expect(kept).not.toContain(stale);
    expect(kept).not.toContain(oldTemp);
    expect(kept).toContain(newTemp);
    // Every pack this run read is kept, with its modification time refreshed: 3 apps x 3 environments in all.
    const stored = [...packs(join(dir, 'v5-new-code')).values()].flat();
    expect(stored).toHaveLength(9);
    for (const file of kept.filter((f) => f.endsWith('.pack'))) expect(statSync(file).mtimeMs).toBeGreaterThan(longAgo.getTime() + 1000);
  });

  test('a pack drops entries no run used for maxUnusedMs when it is written; a warm run writes nothing unless its marks are a day old', () => {
    const dir = tempDir();
    const start = Date.now();
    let now = start;
    const clock = () => now;
    cachedRender(input, dir, 'code', clock);
    const before = packs(dir);
    expect([...before.values()].flat()).toHaveLength(9);
    const inode = (file: string) => statSync(file).ino;
    const inodes = new Map([...before.keys()].map((f) => [f, inode(f)]));

    // An hour later nothing changed: no pack is written again.
    now = start + 3600 * 1000;
    expect(cachedRender(input, dir, 'code', clock).stats.hits).toBe(9);
    for (const [file, ino] of inodes) expect(inode(file)).toBe(ino);

    // Two days later the marks are refreshed, so a busy entry never looks unused.
    now = start + 2 * DAY;
    cachedRender(input, dir, 'code', clock);
    for (const file of before.keys()) expect([...readPack(file)!.values()].map((e) => e.used)).toEqual(before.get(file)!.map(() => start + 2 * DAY));

    // Nine days later only the first app is synthesized: its entries stay, the other apps' go from
    // the packs it shares with them, and the packs no run read any more are deleted.
    now = start + 11 * DAY;
    const first = { ...input, apps: [apps[0]] };
    const { files } = cachedRender(first, dir, 'code', clock);
    const left = [...packs(join(dir, 'v5-code')).values()].flat();
    expect(left).toHaveLength(3);
    expect(files.size).toBeGreaterThan(0);
    expect(cachedRender(first, dir, 'code', clock).stats).toEqual({ hits: 3, misses: 0, uncacheable: 0, errors: 0 });
  });
});
