import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatReport } from '../../policy/format-report';
import { CheckReport } from '../../policy/report';
import { defaultChecks } from '../../pipeline/default-checks';
import { fleetInput, loadProject } from '../../pipeline/load-project';
import { projectPaths } from '../../pipeline/project';
import { claimOutput } from '../../output/claim-output';
import { synthesize } from '../../pipeline/synthesize';
import { Shard } from '../../pipeline/shard';
import { RenderCache } from '../../pipeline/cache/render-cache';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export interface SynthOptions {
  /** Repository root. */
  readonly root: string;
  /** Output folder. @default '<root>/dist' */
  readonly out?: string;
  /** A second folder to copy the tree to (the cdk8s CLI's output). @default - none */
  readonly mirror?: string;
  /** Let this synth empty an environment or delete more than the guard allows. */
  readonly allowDrop?: boolean;
  /** Reuse earlier renderings (`--no-cache` sets false). @default true */
  readonly cache?: boolean;
  /** @default - `defaultCacheDir(root)` */
  readonly cacheDir?: string;
  /** Only these environments (`--env`). @default - every environment, unless `team` is given */
  readonly env?: readonly string[];
  /** Only this team's files (`--team`). @default - every team */
  readonly team?: string;
  /**
   * Threads rendering at once (`--jobs`); 1 renders serially. Opt-in: on this project's 2-core CI
   * machines workers did not pay for their start (README, "Parallel synth, measured"). @default 1
   */
  readonly jobs?: number;
  /** Renderings above which workers start. @default - PARALLEL_THRESHOLD (tests set 0 to force workers on a small fleet) */
  readonly parallelThreshold?: number;
}

/**
 * Where CI caches live: $PLATFORM_CACHE_DIR, else node_modules/.cache/golden-path-platform, which CI
 * restores after `npm ci` and Git ignores. A repository with no node_modules/ (nothing installed
 * there) gets no cache rather than a node_modules/ made for it.
 */
function defaultCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PLATFORM_CACHE_DIR) return resolve(env.PLATFORM_CACHE_DIR);
  const modules = join(root, 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'golden-path-platform') : undefined;
}

/**
 * `platform synth`: render every app in every environment and replace dist/ in one step. The
 * output folders are claimed (checked, locked, recovered) before any app code is loaded.
 */
export function synthCommand(options: SynthOptions, io: Io): number {
  const root = resolve(options.root);
  const outDir = options.out ? resolve(options.out) : projectPaths(root).outDir;
  const mirrorDir = options.mirror ? resolve(options.mirror) : undefined;
  const onWait = (pid: number, file: string) => io.err(`synth: waiting for another synth (pid ${pid}) to finish writing; its lock is ${file}\n`);
  const claims = [claimOutput(outDir, root, { onWait })];
  try {
    if (mirrorDir) claims.push(claimOutput(mirrorDir, root, { onWait, flag: '--mirror' }));
    for (const line of claims.flatMap((c) => c.recovered)) io.err(`synth: ${line}\n`);
    return synthesizeProject(root, outDir, mirrorDir, options, io);
  } finally {
    for (const claim of claims.reverse()) claim.release();
  }
}

/** `--env` and `--team` as a shard; none for a synth of the whole fleet. */
function shardOf(options: SynthOptions, environments: readonly { readonly name: string }[]): Shard | undefined {
  const env = options.env ?? [];
  if (env.length === 0 && options.team === undefined) return undefined;
  return { environments: env.length > 0 ? [...new Set(env)] : environments.map((e) => e.name), ...(options.team === undefined ? {} : { team: options.team }) };
}

function synthesizeProject(root: string, outDir: string, mirrorDir: string | undefined, options: SynthOptions, io: Io): number {
  const project = loadProject(root);
  const { apps, environments } = project;
  // Errors stop the write (CheckFailedError); warnings and waivers are shown but do not.
  const onReport = (report: CheckReport) => {
    if (report.findings.length > 0 || report.waivers.length > 0) io.err(formatReport(report));
  };
  const cacheDir = options.cache === false ? undefined : options.cacheDir ? resolve(options.cacheDir) : defaultCacheDir(root);
  const cache = cacheDir === undefined ? undefined : new RenderCache({ dir: cacheDir, root });
  // The cache also keeps what the schema and object rules found in each app's objects.
  const checks = defaultChecks({ onReport, environments: environments.map((e) => e.name), memo: cache });
  const shard = shardOf(options, environments);
  let threads = 1;
  const result = synthesize({
    ...fleetInput(project),
    outDir,
    checks,
    mirrorDir,
    allowDrop: options.allowDrop,
    cache,
    shard,
    parallel: { jobs: options.jobs ?? 1, root, threshold: options.parallelThreshold, onStart: (n) => (threads = n) },
  });
  const reused = cache ? `, ${cache.stats.hits} of ${result.renderings} app renderings from the cache` : '';
  const what = shard
    ? `${result.renderings} app renderings of ${shard.environments.join(', ')}${shard.team ? ` (team ${shard.team})` : ''}`
    : `${apps.length} apps x ${environments.length} environments`;
  io.out(`synthesized ${what}: ${result.files.size} files in ${outDir}${reused}${threads > 1 ? ` (rendered on ${threads} threads)` : ''}\n`);
  if (cache && (cache.keys.uncached.size > 0 || cache.keys.uncachedEnvironments.size > 0))
    io.err(uncachedNote(cache.keys.uncached, cache.keys.uncachedEnvironments));
  return EXIT.ok;
}

/** How many app files `uncachedNote` names; the rest are counted. */
const UNCACHED_LISTED = 10;

/** Which app files (and environments) are rendered every run and why: a team whose app is never cached should learn it from the synth, not from a slow CI. */
function uncachedNote(uncached: ReadonlyMap<string, string>, environments: ReadonlyMap<string, string>): string {
  const byName = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);
  const lines = [...environments]
    .sort(byName)
    .map(([name, reason]) => `synth: note: environment '${name}' is rendered every run, never taken from the cache: it holds ${reason}\n`);
  if (uncached.size === 0) return lines.join('');
  const listed = [...uncached].sort(byName).slice(0, UNCACHED_LISTED);
  const more = uncached.size - listed.length;
  const files = uncached.size === 1 ? '1 app file is' : `${uncached.size} app files are`;
  return (
    lines.join('') +
    [
      `synth: note: ${files} rendered every run, never taken from the cache (README, "Incremental synth"):`,
      ...listed.map(([source, reason]) => `  ${source}: ${reason}`),
      ...(more > 0 ? [`  and ${more} more`] : []),
    ].join('\n') +
    '\n'
  );
}
