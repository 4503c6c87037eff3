import { Summary } from './measure';
import { ScenarioId } from './scenario';

/**
 * Turns medians into what people read: a table per fleet size, the ratios the issue sets targets
 * on, the targets met or missed, and how cost grows with the fleet. Pure functions over the
 * results, so the JSON file and the printed report never disagree.
 */

export const LABELS: Readonly<Record<ScenarioId, string>> = {
  pipeline: '(1) pipeline',
  'raw-cdk8s-plus': '(2) raw cdk8s-plus',
  'yaml-floor': '(3) yaml floor',
  kustomize: '(4) kubectl kustomize',
  'raw-cdk8s-plus-shared-app': '(2b) cdk8s-plus, shared App',
};

/** One line per scenario under the table: what is measured (the scenario files say it in full). */
export const LEGEND: Readonly<Record<ScenarioId, string>> = {
  pipeline: 'resolve, build, synth, platform objects, schema + policy checks, layout, atomic write',
  'raw-cdk8s-plus': 'cdk8s-plus-28 L2 (L1 PDB), one App per chart, app.synth() writes YAML; no checks, no monitoring objects',
  'yaml-floor': "yaml stringify + write of (1)'s final objects, same bytes as (1)",
  kustomize: "kubectl kustomize of an equivalent base + overlays tree, one build per environment and team; CPU/RSS are kubectl's",
  'raw-cdk8s-plus-shared-app': '(2) with one shared App per environment: cdk8s synth is quadratic in charts',
};

export interface ExternalSummary {
  readonly runs: number;
  readonly wallMs: number;
  /** The first run, on an empty TypeScript transpile cache (a fresh clone); absent where not measured. */
  readonly coldWallMs?: number;
  readonly cpuMs: number | null;
  readonly maxRssKb: number | null;
}

export interface Ratios {
  /** (1)/(2) and (1)/(3) on median wall time; CPU ratios alongside, as they suffer less from a busy machine. */
  readonly pipelineOverRawWall?: number;
  readonly pipelineOverRawCpu?: number;
  readonly pipelineOverFloorWall?: number;
  readonly pipelineOverFloorCpu?: number;
  /**
   * The same two ratios on each scenario's fastest run. On a shared machine the noise only ever
   * adds time, so best-of-N is the steadier estimate of what each costs; the targets use medians.
   */
  readonly pipelineOverRawBestWall?: number;
  readonly pipelineOverFloorBestWall?: number;
  readonly pipelineOverKustomizeWall?: number;
  /** Only when the opt-in shared-App variant of (2) ran. */
  readonly pipelineOverSharedAppWall?: number;
}

export interface Target {
  readonly name: string;
  readonly limit: string;
  readonly actual: string;
  /** undefined when the run could not tell (a scenario was not measured). */
  readonly met?: boolean;
}

type Summaries = Partial<Record<ScenarioId, Summary>>;

export function ratios(s: Summaries): Ratios {
  const r = (a?: number | null, b?: number | null) => (a != null && b != null && b > 0 ? round(a / b, 2) : undefined);
  const p = s.pipeline;
  const ok = (x?: Summary) => (x && !x.skipped ? x : undefined);
  return {
    pipelineOverRawWall: r(p?.wallMs, ok(s['raw-cdk8s-plus'])?.wallMs),
    pipelineOverRawCpu: r(p?.cpuMs, ok(s['raw-cdk8s-plus'])?.cpuMs),
    pipelineOverFloorWall: r(p?.wallMs, ok(s['yaml-floor'])?.wallMs),
    pipelineOverFloorCpu: r(p?.cpuMs, ok(s['yaml-floor'])?.cpuMs),
    pipelineOverRawBestWall: r(p?.wallMsMin, ok(s['raw-cdk8s-plus'])?.wallMsMin),
    pipelineOverFloorBestWall: r(p?.wallMsMin, ok(s['yaml-floor'])?.wallMsMin),
    pipelineOverKustomizeWall: r(p?.wallMs, ok(s.kustomize)?.wallMs),
    pipelineOverSharedAppWall: r(p?.wallMs, ok(s['raw-cdk8s-plus-shared-app'])?.wallMs),
  };
}

/** The targets. Peak RSS and the ratios are judged at whatever size was measured, and say so. */
export function targets(apps: number, environments: number, s: Summaries, r: Ratios, npmSynth?: ExternalSummary): Target[] {
  const judge = (value: number | undefined, limit: number) => (value === undefined ? undefined : value <= limit);
  const rss = s.pipeline?.maxRssKb ?? undefined;
  return [
    { name: '(1)/(2) wall', limit: '<= 1.0', actual: fmtRatio(r.pipelineOverRawWall), met: judge(r.pipelineOverRawWall, 1.0) },
    { name: '(1)/(3) wall', limit: '<= 3', actual: fmtRatio(r.pipelineOverFloorWall), met: judge(r.pipelineOverFloorWall, 3) },
    {
      name: `peak RSS of (1) at ${apps} apps x ${environments} envs`,
      limit: '<= 1 GiB',
      actual: rss === undefined ? 'n/a' : `${mib(rss)} MiB`,
      met: judge(rss, 1024 * 1024),
    },
    {
      name: 'npm run synth (sample repo), wall',
      limit: '<= 1.5 s',
      actual: npmSynth ? `${(npmSynth.wallMs / 1000).toFixed(2)} s` : 'n/a',
      met: judge(npmSynth?.wallMs, 1500),
    },
  ];
}

export function formatScenarioTable(apps: number, environments: number, s: Summaries): string {
  const rows: string[][] = [['scenario', 'runs', 'wall ms (min..max)', 'CPU ms', 'peak RSS MiB', 'RSS at start', 'objects', 'files', 'MB out']];
  for (const [id, label] of Object.entries(LABELS) as [ScenarioId, string][]) {
    const x = s[id];
    if (!x) continue;
    if (x.skipped) {
      rows.push([label, '', `skipped: ${x.skipped}`, '', '', '', '', '', '']);
      continue;
    }
    rows.push([
      label,
      String(x.runs),
      `${fmt(x.wallMs)} (${fmt(x.wallMsMin)}..${fmt(x.wallMsMax)})`,
      x.cpuMs === null ? 'n/a' : fmt(x.cpuMs),
      x.maxRssKb === null ? 'n/a' : String(mib(x.maxRssKb)),
      id === 'kustomize' ? '-' : String(mib(x.startRssKb)),
      String(x.detail.objects ?? ''),
      String(x.detail.files ?? ''),
      x.detail.bytes === undefined ? '' : (x.detail.bytes / 1e6).toFixed(1),
    ]);
  }
  const legend = (Object.entries(LABELS) as [ScenarioId, string][]).filter(([id]) => s[id]).map(([id, label]) => `  ${label}: ${LEGEND[id]}`);
  return `${apps} apps x ${environments} environments (medians over the runs; peak RSS includes module loading):\n${table(rows)}\n${legend.join('\n')}`;
}

export function formatRatios(r: Ratios): string {
  return [
    `(1)/(2) pipeline / raw cdk8s-plus:  wall ${fmtRatio(r.pipelineOverRawWall)}  CPU ${fmtRatio(r.pipelineOverRawCpu)}  best run ${fmtRatio(r.pipelineOverRawBestWall)}`,
    `(1)/(3) pipeline / yaml floor:      wall ${fmtRatio(r.pipelineOverFloorWall)}  CPU ${fmtRatio(r.pipelineOverFloorCpu)}  best run ${fmtRatio(r.pipelineOverFloorBestWall)}`,
    `(1)/(4) pipeline / kustomize:       wall ${fmtRatio(r.pipelineOverKustomizeWall)}`,
    ...(r.pipelineOverSharedAppWall !== undefined ? [`(1)/(2b) pipeline / shared-App plus: wall ${fmtRatio(r.pipelineOverSharedAppWall)}`] : []),
  ].join('\n');
}

export function formatTargets(list: readonly Target[]): string {
  const rows = [
    ['target', 'limit', 'actual', 'result'],
    ...list.map((t) => [t.name, t.limit, t.actual, t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED']),
  ];
  return table(rows);
}

export interface ScalingPoint {
  readonly apps: number;
  readonly summaries: Summaries;
}

/** Wall, CPU and peak RSS per size, and the growth factor from one size to the next against the growth in apps. */
export function formatScaling(points: readonly ScalingPoint[]): string {
  const sorted = [...points].sort((a, b) => a.apps - b.apps);
  const rows: string[][] = [
    [
      'scenario',
      ...sorted.map((p) => `${p.apps} apps: wall ms / CPU ms / RSS MiB`),
      'growth (wall, per step; apps grow x' + growthSteps(sorted.map((p) => p.apps)) + ')',
    ],
  ];
  for (const [id, label] of Object.entries(LABELS) as [ScenarioId, string][]) {
    const cells = sorted.map((p) => p.summaries[id]);
    if (cells.every((c) => !c)) continue;
    const walls = cells.map((c) => (c && !c.skipped ? c.wallMs : undefined));
    const growth = walls.slice(1).map((w, i) => (w !== undefined && walls[i] !== undefined ? `x${(w / walls[i]).toFixed(1)}` : '-'));
    rows.push([
      label,
      ...cells.map((c) =>
        !c
          ? 'not run'
          : c.skipped
            ? 'skipped'
            : `${fmt(c.wallMs)} / ${c.cpuMs === null ? 'n/a' : fmt(c.cpuMs)} / ${c.maxRssKb === null ? 'n/a' : mib(c.maxRssKb)}`,
      ),
      growth.join(', '),
    ]);
  }
  return table(rows);
}

function growthSteps(sizes: readonly number[]): string {
  return sizes
    .slice(1)
    .map((n, i) => (n / sizes[i]).toFixed(1))
    .join(', x');
}

function table(rows: readonly string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function fmt(ms: number): string {
  return ms >= 100 ? String(Math.round(ms)) : ms.toFixed(1);
}

function fmtRatio(x: number | undefined): string {
  return x === undefined ? 'n/a' : x.toFixed(2);
}

export function mib(kb: number): number {
  return Math.round(kb / 1024);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
