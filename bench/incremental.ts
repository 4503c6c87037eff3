import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateFleet } from './fleet';
import { writeAppFile, writeFleetRepo } from './fleet-repo';
import { median } from './measure';
import { CommandUsage, timedCommand } from './timed-command';

const PLATFORM = resolve(__dirname, '..', 'bin', 'platform');

/** Medians of whole-process runs, with the spread of wall time. */
export interface ProcessSummary {
  readonly runs: number;
  readonly wallMs: number;
  readonly minWallMs: number;
  readonly maxWallMs: number;
  readonly cpuMs: number | null;
  readonly maxRssKb: number | null;
}

export interface IncrementalResult {
  readonly apps: number;
  /** The first synth, filling an empty render cache (every app rendered and stored). */
  readonly fill: ProcessSummary;
  /** (a) One app's definition changed, the rest in the cache: what a pull request pays. */
  readonly oneAppChanged: ProcessSummary;
  /** (d) The same tree with `--no-cache`: every app rendered, as before the cache. */
  readonly noCache: ProcessSummary;
}

export function summarizeProcesses(samples: readonly CommandUsage[]): ProcessSummary {
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  const rss = samples.map((s) => s.maxRssKb);
  return {
    runs: samples.length,
    wallMs: median(wall),
    minWallMs: Math.min(...wall),
    maxWallMs: Math.max(...wall),
    cpuMs: cpu.every((c) => c !== undefined) ? median(cpu) : null,
    maxRssKb: rss.every((r) => r !== undefined) ? median(rss) : null,
  };
}

/**
 * `platform synth` of a generated fleet repository as a whole process, measured from outside:
 * once to fill the render cache, then per run one app's definition is edited (a different app each
 * run) and synthesized with the warm cache, then the same tree again with `--no-cache`. Each warm
 * run therefore finds exactly one changed app. The repository, its dist/ and its cache live in a
 * temporary folder; app files are literals (see fleet-repo.ts).
 */
export function measureIncremental(apps: number, seed: number, runs: number, onRun: (what: string) => void = () => {}): IncrementalResult {
  const dir = mkdtempSync(join(tmpdir(), 'bench-incremental-'));
  try {
    const fleet = generateFleet({ apps, seed });
    const repo = join(dir, 'repo');
    writeFleetRepo(repo, fleet);
    const env = { ...process.env, PLATFORM_CACHE_DIR: join(dir, 'cache') };
    const synth = (...args: string[]) => {
      settle();
      return timedCommand('node', [PLATFORM, '--root', repo, 'synth', ...args], { env });
    };
    onRun('fill the cache');
    const fill = synth();
    const warm: CommandUsage[] = [];
    const cold: CommandUsage[] = [];
    for (let i = 0; i < runs; i++) {
      const app = fleet.apps[(i * 7919) % fleet.apps.length];
      writeAppFile(repo, app.source, app.definition, `run-${i}`);
      onRun(`one app changed ${i + 1}/${runs}`);
      warm.push(synth());
      onRun(`--no-cache ${i + 1}/${runs}`);
      cold.push(synth('--no-cache'));
    }
    return { apps, fill: summarizeProcesses([fill]), oneAppChanged: summarizeProcesses(warm), noCache: summarizeProcesses(cold) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Flushes the writes of the runs before (sync(1)), so a measured run does not pay for the kernel
 * writing back the previous run's output: each `--no-cache` run writes a whole new dist/ (65 MB at
 * 1,000 apps), and the warm run right after it spread over 1.76..3.05 s while that went to disk.
 * Where there is no sync, runs are measured as they come.
 */
function settle(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

export interface StartupResult {
  /** (e) `platform synth` of the sample repository, node directly (no npm), output to a temp folder, warm render cache. */
  readonly sampleSynth: ProcessSummary;
  /** A process that only requires cdk8s and cdk8s-plus-28: the floor any cdk8s synth pays. */
  readonly loadCdk8s: ProcessSummary;
}

/**
 * (e) The sample repo's synth against merely loading cdk8s and cdk8s-plus-28, interleaved run by
 * run. The synth has a render cache of its own, warmed by one untimed run, as a developer's is.
 */
export function measureStartup(repoRoot: string, runs: number): StartupResult {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    const env = { ...process.env, PLATFORM_CACHE_DIR: join(dir, 'cache') };
    const run = () => timedCommand('node', [PLATFORM, '--root', repoRoot, 'synth', '--out', join(dir, 'dist')], { cwd: repoRoot, env });
    run();
    const synth: CommandUsage[] = [];
    const load: CommandUsage[] = [];
    for (let i = 0; i < runs; i++) {
      synth.push(run());
      load.push(timedCommand('node', ['-e', "require('cdk8s'); require('cdk8s-plus-28')"], { cwd: repoRoot }));
    }
    return { sampleSynth: summarizeProcesses(synth), loadCdk8s: summarizeProcesses(load) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
