import { IncrementalResult, ProcessSummary, StartupResult } from './incremental';
import { ParallelResult } from './parallel';
import { mib, Ratios, ScalingPoint, Target } from './report';

/**
 * Issue 17's targets (synth that scales with the change), judged from one bench run. A time target
 * is met only when it holds across the runs: the median and the slowest run within the limit, not
 * the best run; a ratio is judged on medians and on best against best, and must hold on both. Each
 * row names what it was measured at, and a target the run did not measure says so instead of
 * being judged.
 */
export interface ScaleMeasurements {
  readonly incremental?: IncrementalResult;
  readonly parallel?: ParallelResult;
  readonly startup?: StartupResult;
  /** The machine's CPUs: (b) is set for 2 cores. */
  readonly cpus: number;
  /** The main size's ratios, for (d), and that size. */
  readonly ratios: Ratios;
  readonly apps: number;
  /** Every size the pipeline scenario ran at, for (c). */
  readonly scaling: readonly ScalingPoint[];
  readonly environments: number;
}

const A_LIMIT_MS = 1500;
const A_APPS = 1000;
const B_MIN_SPEEDUP = 1.6;
const C_LIMIT_KB = 1024 * 1024;
const C_APPS = 10_000;
const D_LIMIT = 0.6;
const E_LIMIT = 2;

export function scaleTargets(m: ScaleMeasurements): Target[] {
  return [
    incrementalTarget(m.incremental),
    parallelTarget(m.parallel, m.cpus),
    memoryTarget(m.scaling, m.environments),
    processMemoryTarget(m.incremental, m.environments),
    rawTarget(m.ratios, m.apps),
    startupTarget(m.startup),
  ];
}

function incrementalTarget(r: IncrementalResult | undefined): Target {
  const name = '17(a) one app changed, warm cache, whole process';
  if (!r) return { name, limit: '<= 1.5 s wall', actual: 'n/a' };
  const s = r.oneAppChanged;
  // The target is set at 1,000 apps: a pass at another size (10,000 for (c)) is reported, not judged.
  if (r.apps !== A_APPS) return { name: `${name}, ${r.apps} apps`, limit: `<= 1.5 s wall at ${A_APPS} apps`, actual: `${spread(s)}; not judged at this size` };
  const met = s.wallMs <= A_LIMIT_MS && s.maxWallMs <= A_LIMIT_MS;
  const across = met || s.wallMs > A_LIMIT_MS ? '' : '; the slowest run is over';
  return { name: `${name}, ${r.apps} apps`, limit: '<= 1.5 s wall, every run', actual: `${spread(s)}${across}`, met };
}

function parallelTarget(r: ParallelResult | undefined, cpus: number): Target {
  const name = `17(b) --jobs N against --jobs 1, --no-cache`;
  if (!r) return { name, limit: '>= 1.6x', actual: 'n/a' };
  const median = r.serial.wallMs / r.parallel.wallMs;
  const best = r.serial.minWallMs / r.parallel.minWallMs;
  return {
    name: `${name}, ${r.apps} apps, --jobs ${r.jobs} on ${cpus} CPUs`,
    limit: '>= 1.6x (2 cores)',
    actual: `${median.toFixed(2)}x by median, ${best.toFixed(2)}x best against best`,
    met: median >= B_MIN_SPEEDUP && best >= B_MIN_SPEEDUP,
  };
}

function memoryTarget(scaling: readonly ScalingPoint[], environments: number): Target {
  const name = `17(c) peak RSS of (1) at ${C_APPS} apps x ${environments} envs`;
  const measured = scaling.filter((p) => p.summaries.pipeline?.maxRssKb != null).sort((a, b) => a.apps - b.apps);
  const at = measured.find((p) => p.apps === C_APPS);
  if (!at) {
    const largest = measured[measured.length - 1];
    const what = largest ? `not measured at ${C_APPS} apps (${mib(largest.summaries.pipeline!.maxRssKb!)} MiB at ${largest.apps}: --scaling ${C_APPS})` : 'n/a';
    return { name, limit: '<= 1 GiB', actual: what };
  }
  const rss = at.summaries.pipeline!.maxRssKb!;
  return { name, limit: '<= 1 GiB', actual: `${mib(rss)} MiB`, met: rss <= C_LIMIT_KB };
}

/**
 * (c) as a team meets it: `platform synth` processes from outside (the incremental pass at 10,000 apps), with a
 * cold render cache (the first synth, and every synth after a platform upgrade), a warm one and none. The
 * in-process row above holds neither the app files' modules nor the cache.
 */
function processMemoryTarget(r: IncrementalResult | undefined, environments: number): Target {
  const name = `17(c) peak RSS of 'platform synth' at ${C_APPS} apps x ${environments} envs: filling the cache, one app changed, --no-cache`;
  if (!r || r.apps !== C_APPS) {
    const what = r ? `not measured at ${C_APPS} apps (the incremental pass ran at ${r.apps}: --incremental-apps ${C_APPS})` : 'n/a';
    return { name, limit: '<= 1 GiB', actual: what };
  }
  const peaks = [r.fill, r.oneAppChanged, r.noCache].map((s) => s.maxRssKb);
  if (peaks.some((kb) => kb === null)) return { name, limit: '<= 1 GiB', actual: 'n/a (no peak RSS on this machine)' };
  return {
    name,
    limit: '<= 1 GiB, each',
    actual: peaks.map((kb) => `${mib(kb!)} MiB`).join(', '),
    met: peaks.every((kb) => kb! <= C_LIMIT_KB),
  };
}

function rawTarget(r: Ratios, apps: number): Target {
  const ratio = r.pipelineOverRawCpu;
  return {
    name: `17(d) (1)/(2) pipeline / raw cdk8s-plus by CPU, ${apps} apps`,
    limit: '<= 0.6',
    actual: ratio === undefined ? 'n/a' : ratio.toFixed(2),
    met: ratio === undefined ? undefined : ratio <= D_LIMIT,
  };
}

function startupTarget(s: StartupResult | undefined): Target {
  const name = '17(e) sample repo synth / loading cdk8s + cdk8s-plus-28';
  if (!s || s.sampleSynth.cpuMs === null || s.loadCdk8s.cpuMs === null) return { name, limit: '<= 2 by wall and CPU', actual: 'n/a' };
  const wall = s.sampleSynth.wallMs / s.loadCdk8s.wallMs;
  const cpu = s.sampleSynth.cpuMs / s.loadCdk8s.cpuMs;
  return { name, limit: '<= 2 by wall and CPU', actual: `${wall.toFixed(2)} by wall, ${cpu.toFixed(2)} by CPU`, met: wall <= E_LIMIT && cpu <= E_LIMIT };
}

/** `1.21 s (1.19..1.27)`: the median and the range of the runs. */
function spread(s: ProcessSummary): string {
  const sec = (ms: number) => (ms / 1000).toFixed(2);
  return `${sec(s.wallMs)} s (${sec(s.minWallMs)}..${sec(s.maxWallMs)})`;
}
