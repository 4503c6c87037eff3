import { IncrementalResult, ProcessSummary, StartupResult } from './incremental';
import { mib } from './report';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `1.23 s (1.10..1.50), CPU 1.40 s, 210 MiB`: a median with its spread, CPU and memory beside it. */
export function formatProcess(s: ProcessSummary): string {
  const spread = s.runs > 1 ? ` (${seconds(s.minWallMs)}..${seconds(s.maxWallMs)})` : '';
  const cpu = s.cpuMs === null ? 'CPU n/a' : `CPU ${seconds(s.cpuMs)}`;
  const rss = s.maxRssKb === null ? 'RSS n/a' : `peak RSS ${mib(s.maxRssKb)} MiB`;
  return `${seconds(s.wallMs)}${spread}, ${cpu}, ${rss}`;
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 'n/a' : (a / b).toFixed(2));

/** (a) and (d): whole `platform synth` processes on the generated fleet's repository. */
export function formatIncremental(r: IncrementalResult, startup?: StartupResult): string {
  const lines = [
    `Incremental synth, ${r.apps} apps x 3 environments, whole 'platform synth' process from outside, median of ${r.oneAppChanged.runs}:`,
    `  (a) one app changed, warm cache: ${formatProcess(r.oneAppChanged)}`,
    `  (d) the same tree, --no-cache:   ${formatProcess(r.noCache)}`,
    `      first synth, filling the cache: ${formatProcess(r.fill)}`,
    `  (a)/(d): ${ratio(r.oneAppChanged.wallMs, r.noCache.wallMs)} by wall, ${ratio(r.oneAppChanged.cpuMs, r.noCache.cpuMs)} by CPU`,
  ];
  if (startup) {
    lines.push(
      `  (a) / sample repo synth: ${ratio(r.oneAppChanged.wallMs, startup.sampleSynth.wallMs)} by wall, ${ratio(r.oneAppChanged.cpuMs, startup.sampleSynth.cpuMs)} by CPU (target: (a) <= 1.5 s wall, about the sample repo's time)`,
    );
  }
  return lines.join('\n');
}

/** (e): the sample repo's synth against loading cdk8s and cdk8s-plus-28 alone. */
export function formatStartup(s: StartupResult): string {
  return [
    `Start-up, median of ${s.sampleSynth.runs}:`,
    `  (e) sample repo, node bin/platform synth (warm render cache): ${formatProcess(s.sampleSynth)}`,
    `      node -e "require('cdk8s'); require('cdk8s-plus-28')":   ${formatProcess(s.loadCdk8s)}`,
    `  ratio: ${ratio(s.sampleSynth.wallMs, s.loadCdk8s.wallMs)} by wall, ${ratio(s.sampleSynth.cpuMs, s.loadCdk8s.cpuMs)} by CPU (target <= 2)`,
  ].join('\n');
}
