import { capacityJson } from './capacity-json';
import { CapacityTotals } from './capacity-totals';
import { formatCount, formatGib, formatVcpu } from './capacity-units';
import { EnvironmentCapacityReport } from './fleet-capacity';

export const CAPACITY_LEGEND = 'requests and limits x replicas; min..max where autoscaled; scheduled tasks count 0 at min and their parallelism at max';

/** A table per environment: one row per team and a total. */
export function formatCapacityText(report: readonly EnvironmentCapacityReport[]): string {
  const out = [`Capacity per environment and team (${CAPACITY_LEGEND}).`];
  let unlimited = false;
  // The GPU column only where the fleet has GPUs: most fleets have none.
  const gpus = report.some((env) => env.total.gpus.max > 0);
  for (const env of report) {
    const rows = [...env.teams.map((t) => row(t.team, t.totals, gpus)), row('total', env.total, gpus)];
    unlimited ||= env.total.unlimited.cpu > 0 || env.total.unlimited.memory > 0;
    const header = ['team', 'workloads', 'pods', 'cpu requests', 'memory requests', 'cpu limits', 'memory limits', ...(gpus ? ['gpus'] : [])];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: readonly string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')}`.trimEnd();
    out.push('', env.environment, line(header), ...rows.map(line));
    for (const note of env.notes) out.push(`  note: ${note}`);
  }
  if (unlimited) out.push('', '(+N without): N workloads set no limit for that resource; their pods may use whatever the node has free.');
  return `${out.join('\n')}\n`;
}

export function formatCapacityJson(report: readonly EnvironmentCapacityReport[]): string {
  const json = {
    units: { cpu: 'vCPU', memory: 'GiB' },
    legend: CAPACITY_LEGEND,
    environments: report.map((env) => ({
      name: env.environment,
      teams: env.teams.map((t) => ({ team: t.team, ...capacityJson(t.totals) })),
      total: capacityJson(env.total),
      notes: env.notes,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function row(name: string, t: CapacityTotals, gpus: boolean): string[] {
  const without = (n: number) => (n > 0 ? ` (+${n} without)` : '');
  return [
    name,
    String(t.workloads),
    formatCount(t.pods),
    formatVcpu(t.requests.cpu),
    formatGib(t.requests.memory),
    `${formatVcpu(t.limits.cpu)}${without(t.unlimited.cpu)}`,
    `${formatGib(t.limits.memory)}${without(t.unlimited.memory)}`,
    ...(gpus ? [formatCount(t.gpus)] : []),
  ];
}
