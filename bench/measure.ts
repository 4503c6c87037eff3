import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sample, ScenarioId, ScenarioInput } from './scenario';

/**
 * The parent side of measurement: every run of every scenario is a fresh child process, so peak
 * RSS is per scenario and no run inherits another's warm JIT, caches or heap. Medians are taken
 * per metric over the runs; runs are interleaved (A B C, A B C, ...) so a burst of load from a
 * neighbour on the shared machine spreads over all scenarios instead of hitting one.
 */

const REGISTER_TS = join(__dirname, '../lib/internal/register-ts.js');

export interface MeasureOptions {
  readonly apps: number;
  readonly seed: number;
  /** Runs per scenario: the same for all, or per scenario (kubectl kustomize is slow). */
  readonly runs: number | ((id: ScenarioId) => number);
  /** From prepareFixtures, for the scenarios that start from the pipeline's objects. */
  readonly fixturesDir?: string;
  /** Write a V8 CPU profile of every child here (`node --cpu-prof`). @default - no profiling */
  readonly profileDir?: string;
  /** Called before each run, for progress output. */
  readonly onRun?: (id: ScenarioId, run: number) => void;
}

/** Medians over the runs; `cpuMs` and `maxRssKb` are null when they could not be measured. */
export interface Summary {
  readonly runs: number;
  readonly wallMs: number;
  readonly cpuMs: number | null;
  readonly maxRssKb: number | null;
  readonly startRssKb: number;
  readonly wallMsMin: number;
  readonly wallMsMax: number;
  /** Set when the scenario was skipped (the detail says why). */
  readonly skipped?: string;
  readonly detail: Sample['detail'];
}

export interface ScenarioResult {
  readonly samples: readonly Sample[];
  readonly summary: Summary;
}

export async function measureScenarios(ids: readonly ScenarioId[], options: MeasureOptions): Promise<Record<string, ScenarioResult>> {
  const samples = new Map<ScenarioId, Sample[]>(ids.map((id) => [id, []]));
  const runsOf = (id: ScenarioId) => (typeof options.runs === 'number' ? options.runs : options.runs(id));
  const most = Math.max(...ids.map(runsOf));
  for (let run = 1; run <= most; run++) {
    for (const id of ids) {
      const earlier = samples.get(id)!;
      if (run > runsOf(id)) continue;
      if (earlier.some((s) => s.detail.skipped)) continue; // a skip (no kubectl) will not change between runs
      options.onRun?.(id, run);
      earlier.push(await sampleScenario(id, options));
    }
  }
  const out: Record<string, ScenarioResult> = {};
  for (const [id, list] of samples) out[id] = { samples: list, summary: summarize(list) };
  return out;
}

/** One run of one scenario in a fresh child, with a fresh output folder removed afterwards. */
export async function sampleScenario(id: ScenarioId, options: Omit<MeasureOptions, 'runs'>): Promise<Sample> {
  const workDir = mkdtempSync(join(tmpdir(), `bench-${id}-`));
  const input: ScenarioInput = { apps: options.apps, seed: options.seed, workDir, fixturesDir: options.fixturesDir };
  try {
    const name = `${id}-${options.apps}-${Date.now()}`;
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
    const sample = await runChild<Sample>(join(__dirname, 'child.ts'), [id, JSON.stringify(input)], profile);
    // The profile covers the whole child; the window lets profile-summary.ts keep only `run`.
    if (options.profileDir) writeFileSync(join(options.profileDir, `${name}.window.json`), JSON.stringify({ startUs: sample.startUs, endUs: sample.endUs }));
    return sample;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Renders the fleet once through the pipeline, untimed, and writes the fixtures into `dir` (see fixtures.ts). */
export async function prepareFixtures(apps: number, seed: number, dir: string, kustomize: boolean): Promise<void> {
  await runChild<void>(join(__dirname, 'fixtures.ts'), [String(apps), String(seed), dir, ...(kustomize ? ['kustomize'] : [])], []);
}

/** Runs a TypeScript entry in a child Node with the repository's TypeScript loader; resolves with its IPC message. */
function runChild<T>(entry: string, args: readonly string[], nodeArgs: readonly string[]): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(entry, [...args], { execArgv: ['--require', REGISTER_TS, ...nodeArgs], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let message: T | undefined;
    let received = false;
    child.on('message', (m) => {
      message = m as T;
      received = true;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) reject(new Error(`${entry} ${args[0] ?? ''} exited with ${code ?? signal} (see its stderr above)`));
      else if (!received && entry.endsWith('child.ts')) reject(new Error(`${entry} ${args[0]} exited without reporting a sample`));
      else resolvePromise(message as T);
    });
  });
}

export function summarize(samples: readonly Sample[]): Summary {
  if (samples.length === 0) throw new Error('bug: no samples to summarize');
  const skipped = samples.find((s) => s.detail.skipped)?.detail.skipped;
  const walls = samples.map((s) => s.wallMs);
  return {
    runs: samples.length,
    wallMs: median(walls),
    cpuMs: medianOrNull(samples.map((s) => s.cpuMs)),
    maxRssKb: medianOrNull(samples.map((s) => s.maxRssKb)),
    startRssKb: median(samples.map((s) => s.startRssKb)),
    wallMsMin: Math.min(...walls),
    wallMsMax: Math.max(...walls),
    ...(skipped ? { skipped } : {}),
    detail: samples[0].detail,
  };
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('bug: median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : median(values as number[]);
}
