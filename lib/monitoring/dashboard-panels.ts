import { ResolvedApp } from '../model/resolved-app';
import { ResolvedMonitoring, ResolvedSlo, ResolvedSloMetrics } from '../model/resolved-monitoring';
import { DashboardLayout, Panel } from './dashboard-layout';
import { promqlNumber, promqlString, RECORDED, seriesSelector, sloSeries } from './sli-queries';

/** Grafana picks a rate window at least four scrape intervals wide for the zoom level. */
const RATE = '$__rate_interval';
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

interface Target {
  readonly expr: string;
  readonly legend: string;
}

/** Request rate by status code, error ratio and latency percentiles, from the raw metrics. */
export function trafficPanels(layout: DashboardLayout, monitoring: ResolvedMonitoring, metrics: ResolvedSloMetrics): void {
  const availability = monitoring.slos.find((s) => s.sli === 'availability');
  const latency = monitoring.slos.find((s) => s.sli === 'latency');
  const requests = seriesSelector(metrics.requests, monitoring.selector);
  layout.row('Traffic');
  layout.add(
    timeseries(`Request rate by ${metrics.codeLabel}`, 'reqps', [
      { expr: `sum by (${metrics.codeLabel}) (rate(${requests}[${RATE}]))`, legend: `{{${metrics.codeLabel}}}` },
    ]),
    8,
    8,
  );
  const errors = seriesSelector(metrics.requests, monitoring.selector, [`${metrics.codeLabel}=~${promqlString(metrics.errorCodes)}`]);
  const total = `sum(rate(${requests}[${RATE}]))`;
  layout.add(
    timeseries(
      'Error ratio',
      'percentunit',
      [{ expr: `(sum(rate(${errors}[${RATE}])) or (0 * ${total})) / (${total} > 0)`, legend: 'errors' }],
      availability && [availability.errorBudget],
    ),
    8,
    8,
  );
  if (metrics.latencyHistogram) {
    const buckets = seriesSelector(`${metrics.latencyHistogram}_bucket`, monitoring.selector);
    const targets = [0.5, 0.9, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(${buckets}[${RATE}])))`,
      legend: `p${Math.round(q * 100)}`,
    }));
    layout.add(timeseries('Latency', 's', targets, latency?.latency && [Number(latency.latency.seconds)]), 8, 8);
  }
}

/** Per SLO: how much of the objective is met over the period, the budget left and the burn rate. */
export function sloPanels(layout: DashboardLayout, monitoring: ResolvedMonitoring, slo: ResolvedSlo): void {
  const label = slo.sli === 'availability' ? 'Availability' : `Requests under ${slo.latency?.threshold}`;
  layout.row(`SLO ${slo.name}: ${slo.objectivePercent}% over ${monitoring.period}`);
  layout.add(
    stat(`${label} (${monitoring.period})`, 'percentunit', `1 - ${sloSeries(RECORDED.errorRatio(monitoring.period), monitoring, slo)}`, [
      { color: 'red', value: null },
      { color: 'green', value: slo.objective },
    ]),
    6,
    8,
  );
  layout.add(
    stat(`Error budget remaining (${monitoring.period})`, 'percentunit', sloSeries(RECORDED.budgetRemaining, monitoring, slo), [
      { color: 'red', value: null },
      { color: 'orange', value: 0 },
      { color: 'green', value: 0.25 },
    ]),
    6,
    8,
  );
  const budget = promqlNumber(slo.errorBudget);
  const windows = ['5m', ...monitoring.burnRateAlerts.map((a) => a.longWindow)].filter((w, i, all) => all.indexOf(w) === i);
  const targets = windows.map((w) => ({ expr: `${sloSeries(RECORDED.errorRatio(w), monitoring, slo)} / ${budget}`, legend: w }));
  const factors = [...new Set(monitoring.burnRateAlerts.map((a) => a.factor))].sort((a, b) => a - b);
  layout.add(timeseries('Burn rate (1 = budget spent exactly over the period)', 'none', targets, factors), 12, 8);
}

/** Scrape health and the pods' CPU and memory (cAdvisor metrics, which every cluster has). */
export function podPanels(layout: DashboardLayout, app: ResolvedApp, monitoring: ResolvedMonitoring): void {
  const container = seriesSelector('container_cpu_usage_seconds_total', { namespace: app.namespace, container: app.name });
  const memory = seriesSelector('container_memory_working_set_bytes', { namespace: app.namespace, container: app.name });
  const up = seriesSelector('up', { job: monitoring.selector.job, namespace: monitoring.selector.namespace });
  layout.row('Pods');
  layout.add(timeseries('Healthy scrape targets', 'none', [{ expr: `sum(${up})`, legend: 'up' }]), 8, 8);
  layout.add(timeseries('CPU (cores)', 'none', [{ expr: `sum by (pod) (rate(${container}[${RATE}]))`, legend: '{{pod}}' }]), 8, 8);
  layout.add(timeseries('Memory (working set)', 'bytes', [{ expr: `sum by (pod) (${memory})`, legend: '{{pod}}' }]), 8, 8);
}

/** A time series panel; `lines` draws dashed threshold lines (an error budget, a burn rate). */
function timeseries(title: string, unit: string, targets: readonly Target[], lines?: readonly number[]): Panel {
  const steps = [
    { color: 'green', value: null },
    ...(lines ?? []).map((value, i) => ({ color: i === 0 && (lines ?? []).length > 1 ? 'yellow' : 'red', value })),
  ];
  return {
    type: 'timeseries',
    title,
    datasource: DATASOURCE,
    targets: targets.map((t, i) => ({ datasource: DATASOURCE, expr: t.expr, legendFormat: t.legend, refId: refId(i) })),
    fieldConfig: {
      defaults: {
        unit,
        min: 0,
        custom: { thresholdsStyle: { mode: lines?.length ? 'dashed' : 'off' } },
        thresholds: { mode: 'absolute', steps },
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
  };
}

function stat(title: string, unit: string, expr: string, steps: readonly { color: string; value: number | null }[]): Panel {
  return {
    type: 'stat',
    title,
    datasource: DATASOURCE,
    targets: [{ datasource: DATASOURCE, expr, legendFormat: '', refId: 'A', instant: true }],
    fieldConfig: { defaults: { unit, decimals: 3, thresholds: { mode: 'absolute', steps } }, overrides: [] },
    options: { colorMode: 'background', graphMode: 'none', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
  };
}

function refId(i: number): string {
  return String.fromCharCode(65 + i);
}
