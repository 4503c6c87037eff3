/**
 * Service level objectives: what a team promises about its app, written in one line. The platform
 * turns it into recording rules, multi-window multi-burn-rate alerts and a dashboard.
 *
 * ```ts
 * slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } }
 * ```
 *
 * Every objective is over a rolling 30 days.
 */

/** Requests slower than `threshold` count against the objective. */
export interface LatencySloProps {
  /**
   * Requests slower than this are bad: a whole number with a unit, `ms`, `s` or `m`, e.g. '300ms',
   * '1s'. It must be a bucket boundary (`le`) of the latency histogram; the platform raises
   * `SLOLatencyBucketMissing` when it is not.
   */
  readonly threshold: string;
  /** Percentage of requests that must be faster than `threshold`, e.g. 99. Below 100. */
  readonly objective: number;
}

/**
 * Where the SLIs come from. Web services follow the platform's metric convention for their protocol
 * (`PLATFORM_DEFAULTS.monitoring.conventions`: HTTP `http_requests_total{code}` and
 * `http_request_duration_seconds`, gRPC `grpc_server_handled_total{grpc_code}` and
 * `grpc_server_handling_seconds`); set only the fields in which the app differs.
 */
export interface SloMetricsOptions {
  /** The convention to start from. @default - the web service's protocol; none for workers (set every field) */
  readonly convention?: 'http' | 'grpc';
  /** Counter of every request (or processed item), one series per outcome. @default - the convention's */
  readonly requests?: string;
  /** Label of `requests` that holds the outcome (status code). @default - the convention's */
  readonly codeLabel?: string;
  /** Regular expression (RE2, anchored) on `codeLabel` matching the outcomes that are errors. @default - the convention's */
  readonly errorCodes?: string;
  /** Histogram of durations in seconds, without the `_bucket` suffix (latency SLOs). @default - the convention's */
  readonly latencyHistogram?: string;
  /**
   * Extra exact-match label matchers on every SLI series, e.g. `{ grpc_type: 'unary' }` to leave
   * streaming RPCs out. @default - none (the app's `job` and `namespace` only)
   */
  readonly selector?: Readonly<Record<string, string>>;
}

/** What an app promises. At least one of `availability` and `latency`. */
export interface SloProps {
  /** Percentage of requests that must not fail, e.g. 99.9. Below 100. @default - no availability SLO */
  readonly availability?: number;
  /** @default - no latency SLO */
  readonly latency?: LatencySloProps;
  /** @default - the convention of the web service's protocol; workers must say */
  readonly metrics?: SloMetricsOptions;
  /** Runbook linked from this app's SLO alerts. @default - the platform's runbook of each alert */
  readonly runbookUrl?: string;
}

/** Names of the alerts the platform raises: part of the output contract (Alertmanager routes match them). */
export const MONITORING_ALERTS = {
  /** An SLO's error budget burns too fast (multi-window, multi-burn-rate). */
  budgetBurn: 'SLOErrorBudgetBurn',
  /** Prometheus has no healthy scrape target for the app. */
  targetMissing: 'ScrapeTargetMissing',
  /** The latency threshold is not a bucket boundary of the histogram, so the latency SLI has no data. */
  latencyBucketMissing: 'SLOLatencyBucketMissing',
} as const;

export type MonitoringAlert = (typeof MONITORING_ALERTS)[keyof typeof MONITORING_ALERTS];
