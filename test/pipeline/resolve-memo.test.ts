import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFleet } from '../../bench/fleet';
import { AppDefinition, SourcedApp } from '../../lib/model/app-definition';
import { Environment } from '../../lib/model/environment';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { FleetInput } from '../../lib/pipeline/render-fleet';
import { render, synthesize } from '../../lib/pipeline/synthesize';
import { tempDir } from '../fixtures/temp-dir';

/** Renders with the cache and stores what a successful synth stores; the files, and what the resolve memo and the render cache did. */
function cachedRender(input: FleetInput, dir: string, code = 'code-1') {
  const cache = new RenderCache({ dir, code });
  const memo = cache.resolutions(input.apps);
  const resolutions = cache.resolutions.bind(cache);
  // render() asks the cache for the memo again: give it the one whose stats this test reads.
  cache.resolutions = (apps) => (apps === input.apps ? memo : resolutions(apps));
  const { files } = render({ ...input, cache });
  cache.store(files);
  return { files, resolved: { ...memo.stats }, rendered: { hits: cache.stats.hits, misses: cache.stats.misses } };
}

const fleet = generateFleet({ apps: 12, seed: 5 });
const input: FleetInput = { apps: fleet.apps, environments: fleet.environments, gitops: fleet.gitops };
/** 12 apps, each in dev, staging and prod. */
const ALL = 36;

/** A web service of another team than `caller`'s, that `caller` does not call yet. */
function calleeOutside(apps: readonly SourcedApp[], caller: SourcedApp): SourcedApp {
  return apps.find(
    (a) => a.definition.kind === 'web-service' && a.definition.team !== caller.definition.team && !(caller.definition.dependsOn ?? []).includes(a.definition),
  )!;
}

describe('resolve memo', () => {
  test("a warm synth reads every app's resolution back and renders the bytes of a synth without the cache", () => {
    const dir = tempDir();
    const cold = cachedRender(input, dir);
    expect(cold.resolved).toEqual({ hits: 0, misses: ALL });
    const warm = cachedRender(input, dir);
    expect(warm.resolved).toEqual({ hits: ALL, misses: 0 });
    expect(warm.rendered).toEqual({ hits: ALL, misses: 0 });
    expect(warm.files).toEqual(render(input).files);
  });

  test("a caller added in another team: the callee's resolution alone is read back, and its NetworkPolicy admits the caller", () => {
    const dir = tempDir();
    cachedRender(input, dir);
    const caller = fleet.apps.find((a) => a.definition.kind === 'worker')!;
    const callee = calleeOutside(fleet.apps, caller);
    const edited: SourcedApp = { ...caller, definition: { ...caller.definition, dependsOn: [...(caller.definition.dependsOn ?? []), callee.definition] } };
    const apps = fleet.apps.map((a) => (a === caller ? edited : a));
    const warm = cachedRender({ ...input, apps }, dir);
    // Only the caller resolves again, in each environment; the callee's rendering changes with what the dependencies add.
    expect(warm.resolved).toEqual({ hits: ALL - 3, misses: 3 });
    expect(warm.rendered).toEqual({ hits: ALL - 6, misses: 6 });
    const none = render({ ...input, apps }).files;
    expect(warm.files).toEqual(none);
    const policy = `prod/${callee.definition.team}/${callee.definition.name}.yaml`;
    expect(none.get(policy)).not.toEqual(render(input).files.get(policy));
    expect(none.get(policy)).toContain(`app.kubernetes.io/name: ${caller.definition.name}`);
  });

  test('an environment default changed: that environment resolves again, the others are read back', () => {
    const dir = tempDir();
    cachedRender(input, dir);
    const environments = fleet.environments.map((e): Environment =>
      e.name === 'staging' ? { ...e, profile: { ...e.profile, resources: { cpu: '123m', memory: '321Mi' } } } : e,
    );
    const warm = cachedRender({ ...input, environments }, dir);
    expect(warm.resolved).toEqual({ hits: ALL - 12, misses: 12 });
    expect(warm.files).toEqual(render({ ...input, environments }).files);
  });

  test("a definition another app's dependsOn points at changed: both resolve again", () => {
    const dir = tempDir();
    const caller = fleet.apps.find((a) => a.definition.kind === 'worker')!;
    const callee = calleeOutside(fleet.apps, caller);
    const calling = (target: AppDefinition) => (a: SourcedApp) => (a === caller ? { ...a, definition: { ...a.definition, dependsOn: [target] } } : a);
    const before = { ...input, apps: fleet.apps.map(calling(callee.definition)) };
    cachedRender(before, dir);
    const changed = { ...callee.definition, env: { ...callee.definition.env, EDITED: 'yes' } } as AppDefinition;
    const apps = fleet.apps.map((a) => (a === callee ? { ...a, definition: changed } : a)).map(calling(changed));
    const warm = cachedRender({ ...input, apps }, dir);
    expect(warm.resolved).toEqual({ hits: ALL - 6, misses: 6 });
    expect(warm.files).toEqual(render({ ...input, apps }).files);
  });

  test('the platform code changed: every app resolves again', () => {
    const dir = tempDir();
    cachedRender(input, dir, 'code-1');
    expect(cachedRender(input, dir, 'code-2').resolved).toEqual({ hits: 0, misses: ALL });
  });

  test('a damaged or foreign memo file is a miss, resolved and stored again, never a failure', () => {
    const dir = tempDir();
    cachedRender(input, dir);
    const folder = join(dir, readdirSync(dir)[0]);
    const files = readdirSync(folder).flatMap((env) => readdirSync(join(folder, env)).map((f) => join(folder, env, f)));
    const memoFiles = files.filter((f) => f.endsWith('.resolved'));
    expect(memoFiles.length).toBeGreaterThanOrEqual(3);
    writeFileSync(memoFiles[0], 'null\n');
    writeFileSync(memoFiles[1], '{"format":"golden-path-resolved/1","bytes":3,"sha256":"x","entries":[["k",3]]}\nabc');
    const again = cachedRender(input, dir);
    expect(again.resolved.misses).toBeGreaterThanOrEqual(2);
    expect(again.resolved.hits + again.resolved.misses).toBe(ALL);
    expect(again.files).toEqual(render(input).files);
    expect(cachedRender(input, dir).resolved).toEqual({ hits: ALL, misses: 0 });
  });

  test('a synth that resolves each environment again when it renders it reads back what it resolved the first time, and writes the same bytes', () => {
    const dir = tempDir();
    const expected = render(input).files;
    const synth = () => {
      const cache = new RenderCache({ dir, code: 'code-1' });
      const outDir = join(tempDir(), 'dist');
      synthesize({ ...input, outDir, cache, resolveAgainFrom: 0 });
      for (const [path, text] of expected) expect({ path, text: readFileSync(join(outDir, path), 'utf8') }).toEqual({ path, text });
      return cache.resolutions(input.apps).stats;
    };
    // The environments after the first are resolved again when rendered: from this run's own resolutions.
    expect(synth()).toEqual({ hits: 24, misses: ALL });
    expect(synth()).toEqual({ hits: ALL + 24, misses: 0 });
  });

  test('resolutions are written once the fleet resolved, before rendering: a synth whose rendering fails leaves them, and no rendering', () => {
    const dir = tempDir();
    const broken = fleet.apps[0];
    const customize = () => {
      throw new Error('no such container');
    };
    const apps = fleet.apps.map((a) => (a === broken ? { ...a, definition: { ...a.definition, customize } } : a));
    const cache = new RenderCache({ dir, code: 'code-1' });
    expect(() => synthesize({ ...input, apps, outDir: join(tempDir(), 'dist'), cache })).toThrow('no such container');
    const folder = join(dir, readdirSync(dir)[0]);
    const written = readdirSync(folder).flatMap((env) => readdirSync(join(folder, env)));
    expect(written.filter((f) => f.endsWith('.pack'))).toEqual([]);
    expect(written.filter((f) => f.endsWith('.resolved')).length).toBeGreaterThanOrEqual(3);
    // What was written reads back as what resolution gives. The broken app's definition held code (not memoized): it resolves again.
    const fixed = cachedRender(input, dir);
    expect(fixed.resolved).toEqual({ hits: ALL - 3, misses: 3 });
    expect(fixed.rendered).toEqual({ hits: 0, misses: ALL });
    expect(fixed.files).toEqual(render(input).files);
  });

  test("a memo file cut short is a miss for its team's apps in its environment alone", () => {
    const dir = tempDir();
    cachedRender(input, dir);
    const file = join(dir, readdirSync(dir)[0], 'dev', `${fleet.apps[1].definition.team}.resolved`);
    writeFileSync(file, readFileSync(file).subarray(0, 200));
    const again = cachedRender(input, dir);
    // Each team of this fleet has one app.
    expect(again.resolved).toEqual({ hits: ALL - 1, misses: 1 });
    expect(again.files).toEqual(render(input).files);
  });
});
