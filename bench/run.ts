/**
 * `npm run bench` (and `npm run bench:smoke`): measures the pipeline against its baselines on a
 * synthetic fleet, prints a report and writes the results as JSON. The only file of the
 * benchmark that prints or sets an exit code. Timing is reported, never asserted: a slow
 * machine must not fail CI, only a broken benchmark should.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultChecks } from '../lib/pipeline/default-checks';
import { defaultJobs } from '../lib/pipeline/render-in-workers';
import { generateFleet } from './fleet';
import { findKubectl } from './kustomize/find-kubectl';
import { measureScenarios, prepareFixtures, ScenarioResult, Summary } from './measure';
import { ExternalSummary, formatRatios, formatScaling, formatScenarioTable, formatTargets, mib, ratios, ScalingPoint, targets } from './report';
import { formatIncremental, formatStartup } from './incremental-report';
import { measureIncremental, measureStartup } from './incremental';
import { formatParallel, measureParallel } from './parallel';
import { scaleTargets } from './scale-targets';
import { measureSampleSynth } from './sample-synth';
import { DEFAULT_SCENARIOS, SCENARIO_IDS, ScenarioId } from './scenario';

const REPO_ROOT = resolve(__dirname, '..');

const USAGE = `usage: npm run bench -- [options]
  --apps N                 fleet size of the main measurement (default 1000)
  --runs N                 runs per scenario at that size; medians are reported (default 3)
  --scaling A,B,C          fleet sizes of the scaling pass, or 'none' (default 100,1000,3000)
  --scaling-runs N         runs per scenario in the scaling pass (default 1)
  --scenarios a,b          any of: ${SCENARIO_IDS.join(', ')}
                           (default: ${DEFAULT_SCENARIOS.join(', ')})
  --kustomize-max-apps N   skip kubectl kustomize above this size; it is slow (default 1000)
  --kustomize-runs N       runs of kubectl kustomize at the main size (default 1: ~2.5 min
                           per run at 1000 apps on 2 cores; its medians need --kustomize-runs 3)
  --synth-runs N           runs of 'npm run synth' on the sample repo (default: --runs)
  --seed N                 fleet seed (default 42)
  --profile DIR            write a V8 CPU profile of every main-size run into DIR
  --out FILE               results JSON (default bench/results/bench-<apps>-<time>.json)
  --incremental-apps N     fleet size of the incremental measurement, or 0 to skip (default: --apps)
  --incremental-runs N     one-app-changed runs (each followed by a --no-cache run; default: --runs)
  --startup-runs N         sample-repo synth vs loading cdk8s alone, or 0 to skip (default: --synth-runs)
  --parallel-apps N        fleet size of the --jobs 1 vs --jobs N measurement, or 0 to skip (default: --apps)
  --parallel-runs N        runs of each (default: --runs)
  --jobs N                 threads of the parallel runs (default: the machine's cores, at most 8)
  --smoke                  tiny and quick, for CI: 20 apps, 1 run, scaling 5,20; numbers are
                           not judged (fixed costs dominate at that size)
`;

interface Options {
  readonly apps: number;
  readonly runs: number;
  readonly scaling: readonly number[];
  readonly scalingRuns: number;
  readonly scenarios: readonly ScenarioId[];
  readonly kustomizeMaxApps: number;
  readonly kustomizeRuns: number;
  readonly synthRuns: number;
  readonly seed: number;
  readonly profileDir?: string;
  readonly out: string;
  readonly smoke: boolean;
  readonly incrementalApps: number;
  readonly incrementalRuns: number;
  readonly startupRuns: number;
  readonly parallelApps: number;
  readonly parallelRuns: number;
  readonly jobs: number;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseOrUsage(argv);
  if (values.help) throw new HelpRequested();
  const smoke = values.smoke ?? false;
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got '${raw}')`);
    return n;
  };
  const apps = int('apps', values.apps, smoke ? 20 : 1000, 1);
  const runs = int('runs', values.runs, smoke ? 1 : 3, 1);
  const scalingRaw = values.scaling ?? (smoke ? '5,20' : '100,1000,3000');
  const scaling = scalingRaw === 'none' ? [] : scalingRaw.split(',').map((s) => int('scaling', s.trim(), 0, 1));
  const scenarios = (values.scenarios?.split(',').map((s) => s.trim()) ?? [...DEFAULT_SCENARIOS]) as ScenarioId[];
  const unknown = scenarios.filter((s) => !SCENARIO_IDS.includes(s));
  if (unknown.length) throw new UsageError(`unknown scenario(s): ${unknown.join(', ')} (known: ${SCENARIO_IDS.join(', ')})`);
  const synthRuns = int('synth-runs', values['synth-runs'], runs, 0);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return {
    apps,
    runs,
    scaling,
    scalingRuns: int('scaling-runs', values['scaling-runs'], 1, 1),
    scenarios,
    kustomizeMaxApps: int('kustomize-max-apps', values['kustomize-max-apps'], 1000, 1),
    kustomizeRuns: int('kustomize-runs', values['kustomize-runs'], 1, 1),
    synthRuns,
    seed: int('seed', values.seed, 42, 0),
    profileDir: values.profile && resolve(values.profile),
    out: resolve(values.out ?? join(REPO_ROOT, 'bench', 'results', smoke ? 'smoke.json' : `bench-${apps}-${stamp}.json`)),
    smoke,
    incrementalApps: int('incremental-apps', values['incremental-apps'], apps, 0),
    incrementalRuns: int('incremental-runs', values['incremental-runs'], runs, 1),
    startupRuns: int('startup-runs', values['startup-runs'], synthRuns, 0),
    parallelApps: int('parallel-apps', values['parallel-apps'], apps, 0),
    parallelRuns: int('parallel-runs', values['parallel-runs'], runs, 1),
    jobs: int('jobs', values.jobs, defaultJobs(), 2),
  };
}

class UsageError extends Error {}
class HelpRequested extends Error {}

const OPTIONS = {
  apps: { type: 'string' },
  runs: { type: 'string' },
  scaling: { type: 'string' },
  'scaling-runs': { type: 'string' },
  scenarios: { type: 'string' },
  'kustomize-max-apps': { type: 'string' },
  'kustomize-runs': { type: 'string' },
  'synth-runs': { type: 'string' },
  seed: { type: 'string' },
  profile: { type: 'string' },
  out: { type: 'string' },
  smoke: { type: 'boolean' },
  'incremental-apps': { type: 'string' },
  'incremental-runs': { type: 'string' },
  'startup-runs': { type: 'string' },
  'parallel-apps': { type: 'string' },
  'parallel-runs': { type: 'string' },
  jobs: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function parseOrUsage(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
  const log = (line: string) => process.stderr.write(`[${elapsed()}] ${line}\n`);
  const kubectl = findKubectl();
  const meta = machineMeta(options);
  process.stdout.write(`${header(meta)}\n`);
  if (!kubectl) process.stdout.write('kubectl not found on PATH: scenario (4) is skipped.\n');
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });

  const fixturesRoot = mkdtempSync(join(tmpdir(), 'bench-fixtures-'));
  try {
    const measureSize = async (apps: number, runs: number, profileDir?: string) => {
      const ids = options.scenarios.filter((id) => id !== 'kustomize' || apps <= options.kustomizeMaxApps);
      const fixturesDir = join(fixturesRoot, String(apps));
      mkdirSync(fixturesDir, { recursive: true });
      const needsFixtures = ids.some((id) => id === 'yaml-floor' || id === 'kustomize');
      if (needsFixtures) {
        log(`${apps} apps: rendering fixtures once (untimed)...`);
        await prepareFixtures(apps, options.seed, fixturesDir, ids.includes('kustomize') && kubectl !== undefined);
      }
      const runsOf = (id: ScenarioId) => (id === 'kustomize' ? Math.min(runs, options.kustomizeRuns) : runs);
      const results = await measureScenarios(ids, {
        apps,
        seed: options.seed,
        runs: runsOf,
        fixturesDir,
        profileDir,
        onRun: (id, run) => log(`${apps} apps: ${id} run ${run}/${runsOf(id)}`),
      });
      rmSync(fixturesDir, { recursive: true, force: true });
      return { ids, results };
    };

    const primary = await measureSize(options.apps, options.runs, options.profileDir);
    const mainSummaries = summaries(primary.results);
    log(`npm run synth of the sample repo x ${options.synthRuns}`);
    const npmSynth = options.synthRuns > 0 ? measureSampleSynth(REPO_ROOT, options.synthRuns) : undefined;

    const incremental =
      options.incrementalApps > 0
        ? measureIncremental(options.incrementalApps, options.seed, options.incrementalRuns, (what) =>
            log(`incremental, ${options.incrementalApps} apps: ${what}`),
          )
        : undefined;
    log(`startup: sample synth vs loading cdk8s x ${options.startupRuns}`);
    const startup = options.startupRuns > 0 ? measureStartup(REPO_ROOT, options.startupRuns) : undefined;

    const parallel =
      options.parallelApps > 0
        ? measureParallel(options.parallelApps, options.seed, options.parallelRuns, options.jobs, (what) =>
            log(`parallel, ${options.parallelApps} apps: ${what}`),
          )
        : undefined;

    const scaling: ScalingPoint[] = [];
    for (const apps of options.scaling) {
      if (apps === options.apps) {
        scaling.push({ apps, summaries: mainSummaries });
        continue;
      }
      scaling.push({ apps, summaries: summaries((await measureSize(apps, options.scalingRuns)).results) });
    }

    const r = ratios(mainSummaries);
    const t = [
      ...targets(options.apps, meta.environments, mainSummaries, r, npmSynth),
      ...scaleTargets({
        incremental,
        parallel,
        startup,
        cpus: meta.cpus,
        ratios: r,
        apps: options.apps,
        scaling: [...scaling, { apps: options.apps, summaries: mainSummaries }],
        environments: meta.environments,
      }),
    ];
    const durationMs = Date.now() - started;
    const report = [
      '',
      formatScenarioTable(options.apps, meta.environments, mainSummaries),
      '',
      formatRatios(r),
      '',
      npmSynth ? formatSynth(npmSynth) : 'npm run synth: not measured (--synth-runs 0)',
      '',
      ...(incremental ? [formatIncremental(incremental, startup), ''] : []),
      ...(startup ? [formatStartup(startup), ''] : []),
      ...(parallel ? [formatParallel(parallel, meta.cpus), ''] : []),
      ...(scaling.length ? [`Scaling (main size: median of ${options.runs}; other sizes: ${options.scalingRuns} run(s)):`, formatScaling(scaling), ''] : []),
      ...(options.smoke
        ? ['Targets: not judged in a smoke run (fixed costs such as compiling schemas dominate at this size); run npm run bench.']
        : ['Targets:', formatTargets(t)]),
      '',
      `Load average now: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} CPUs (was ${meta.loadBefore.join(' ')}); a busy machine inflates wall time more than CPU time.`,
      `Benchmark took ${(durationMs / 1000).toFixed(0)} s. Results: ${options.out}`,
    ].join('\n');
    process.stdout.write(`${report}\n`);

    mkdirSync(dirname(options.out), { recursive: true });
    const json = {
      meta: { ...meta, durationMs, loadAfter: loadavg() },
      options,
      main: { apps: options.apps, runs: options.runs, scenarios: primary.results },
      ratios: r,
      targets: t,
      npmSynth,
      incremental,
      startup,
      parallel,
      scaling: scaling.map((p) => ({ apps: p.apps, scenarios: p.summaries })),
    };
    writeFileSync(options.out, `${JSON.stringify(json, null, 2)}\n`);
  } finally {
    rmSync(fixturesRoot, { recursive: true, force: true });
  }
}

function summaries(results: Record<string, ScenarioResult>): Partial<Record<ScenarioId, Summary>> {
  const out: Partial<Record<ScenarioId, Summary>> = {};
  for (const [id, r] of Object.entries(results)) out[id as ScenarioId] = r.summary;
  return out;
}

function formatSynth(s: ExternalSummary): string {
  const cpu = s.cpuMs === null ? 'n/a' : `${Math.round(s.cpuMs)} ms`;
  const rss = s.maxRssKb === null ? 'n/a' : `${mib(s.maxRssKb)} MiB`;
  const cold = s.coldWallMs === undefined ? '' : `; the first run, on an empty transpile cache (a fresh clone): ${(s.coldWallMs / 1000).toFixed(2)} s`;
  return `npm run synth (sample repo, whole process incl. startup), median of ${s.runs}: wall ${(s.wallMs / 1000).toFixed(2)} s, CPU ${cpu}, peak RSS ${rss}${cold}`;
}

/** What the numbers depend on besides the code: recorded with every result. */
function machineMeta(options: Options) {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return undefined;
    }
  };
  const sample = generateFleet({ apps: Math.min(options.apps, 50), seed: options.seed });
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadBefore: loadavg().map((l) => Number(l.toFixed(2))),
    commit: git('rev-parse', '--short', 'HEAD'),
    // The tree is shared with other work in progress, so say whether the numbers are of a clean commit.
    dirty: (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '',
    checks: defaultChecks().length,
    environments: sample.environments.length,
    fleetHasSlo: sample.apps.some((a) => 'slo' in a.definition),
  };
}

function header(meta: ReturnType<typeof machineMeta>): string {
  return [
    `golden-path benchmark @ ${meta.commit ?? 'unknown commit'}${meta.dirty ? ' (+ uncommitted changes)' : ''}, node ${meta.node}, ${meta.cpus} CPUs, load ${meta.loadBefore.join(' ')}`,
    `default checks measured in (1): ${meta.checks}${meta.checks === 0 ? ' (defaultChecks() is empty today: (1) has no schema/policy cost yet)' : ''}; SLOs in fleet: ${meta.fleetHasSlo ? 'yes' : 'no (WebServiceProps has no slo yet; see bench/fleet.ts)'}`,
  ].join('\n');
}

main().catch((error: unknown) => {
  if (error instanceof HelpRequested) {
    process.stdout.write(USAGE);
    return;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
