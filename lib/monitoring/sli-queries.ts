import { ResolvedMonitoring, ResolvedSlo, ResolvedSloMetrics } from '../model/resolved-monitoring';

/** A PromQL string literal (Go escaping, which JSON's matches for these inputs). */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

/** `metric{k="v",...}`, matchers in the order given, then extra raw matchers such as `code=~"5.."`. */
export function seriesSelector(metric: string, matchers: Readonly<Record<string, string>>, extra: readonly string[] = []): string {
  const parts = [...Object.entries(matchers).map(([k, v]) => `${k}=${promqlString(v)}`), ...extra];
  return `${metric}{${parts.join(',')}}`;
}

/** A number as PromQL writes it: the shortest exact form (0.001, 14.4, 1e-7). */
export function promqlNumber(n: number): string {
  return String(n);
}

/**
 * The PromQL of one SLI over a window, from the raw metrics. Every ratio is bad events over all
 * events, with two guarantees the alerts rely on:
 *
 * - no traffic gives 0, never NaN: the division only happens where the total is above 0, and
 *   `or (0 * presence)` fills in 0 elsewhere;
 * - no errors gives 0, never "no data": an error series that does not exist yet (no 5xx since
 *   the pod started) counts as 0 while the request series exists.
 *
 * Only when the metrics themselves are missing is the result empty ("no data"), which the
 * ScrapeTargetMissing and SLOLatencyBucketMissing alerts report instead.
 */
export class SliQueries {
  constructor(
    private readonly slo: ResolvedSlo,
    private readonly metrics: ResolvedSloMetrics,
    private readonly selector: Readonly<Record<string, string>>,
  ) {}

  /** Rate of all events over `window`. */
  total(window: string): string {
    const metric = this.slo.sli === 'availability' ? this.metrics.requests : `${this.histogram()}_count`;
    return `sum(rate(${seriesSelector(metric, this.selector)}[${window}]))`;
  }

  /** Rate of bad events (errors, or requests slower than the threshold) over `window`. */
  bad(window: string): string {
    if (this.slo.sli === 'availability') {
      const errors = seriesSelector(this.metrics.requests, this.selector, [`${this.metrics.codeLabel}=~${promqlString(this.metrics.errorCodes)}`]);
      return `(sum(rate(${errors}[${window}])) or (0 * ${this.total(window)}))`;
    }
    return `(${this.total(window)} - ${this.fast(window)})`;
  }

  /** Bad events over all events, 0 without traffic. */
  errorRatio(window: string): string {
    return `(${this.bad(window)} / (${this.total(window)} > 0)) or (0 * ${this.presence(window)})`;
  }

  /**
   * Latency SLOs: rate of requests at or under the threshold. `le` is matched by a regex, so the
   * bucket is found however the client spells it ('0.3', '0.30', Prometheus 3's normalised form).
   */
  fast(window: string): string {
    const latency = this.slo.latency;
    if (!latency) throw new Error(`bug: ${this.slo.name} is not a latency SLO`);
    return `sum(rate(${seriesSelector(`${this.histogram()}_bucket`, this.selector, [`le=~${promqlString(latency.leRegex)}`])}[${window}]))`;
  }

  /** Series that exist exactly when the SLI can be computed; 0 x it is the no-traffic ratio. */
  private presence(window: string): string {
    return this.slo.sli === 'availability' ? this.total(window) : this.fast(window);
  }

  private histogram(): string {
    const histogram = this.metrics.latencyHistogram;
    if (!histogram) throw new Error(`bug: ${this.slo.name} has a latency SLO but no histogram`);
    return histogram;
  }
}

/** The label matchers selecting one SLO's recorded series. */
export function sloSeries(metric: string, monitoring: ResolvedMonitoring, slo: ResolvedSlo): string {
  return seriesSelector(metric, { namespace: monitoring.selector.namespace, slo: slo.name });
}

/** Names of the recorded series, following the widely used `slo:<what>:<how>` scheme. */
export const RECORDED = {
  totalRate5m: 'slo:sli_total_events:rate5m',
  badRate5m: 'slo:sli_bad_events:rate5m',
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  currentBurnRate: 'slo:current_burn_rate:ratio',
  periodBurnRate: 'slo:period_burn_rate:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;
