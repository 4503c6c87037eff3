import { MonitoringAlert } from './slo';

/** The metrics an app's SLIs and dashboard read, every name explicit. */
export interface ResolvedSloMetrics {
  /** Counter of every request, one series per outcome, e.g. 'http_requests_total'. */
  readonly requests: string;
  /** Label of `requests` holding the outcome, e.g. 'code'. */
  readonly codeLabel: string;
  /** Anchored RE2 regular expression on `codeLabel` matching errors, e.g. '5..'. */
  readonly errorCodes: string;
  /** Histogram base name in seconds, e.g. 'http_request_duration_seconds'; absent when unknown (a worker without a latency SLO). */
  readonly latencyHistogram?: string;
}

/** One objective of an app, with its budget computed exactly from the digits written. */
export interface ResolvedSlo {
  /** `<app>-availability` or `<app>-latency`: the `slo` label of every series and alert. */
  readonly name: string;
  readonly sli: 'availability' | 'latency';
  /** As written, in percent, e.g. 99.9. */
  readonly objectivePercent: number;
  /** As a ratio, e.g. 0.999. */
  readonly objective: number;
  /** 1 - objective, e.g. 0.001. */
  readonly errorBudget: number;
  /** Latency SLOs only. */
  readonly latency?: {
    /** As written, e.g. '300ms'. */
    readonly threshold: string;
    /** In seconds as a decimal string, e.g. '0.3'. */
    readonly seconds: string;
    /** Anchored regex matching every spelling of that bucket boundary, e.g. '0\\.30*' ('0.3', '0.30'). */
    readonly leRegex: string;
  };
}

/** One multi-window burn-rate alert: fires when both windows burn faster than `factor` x the budget. */
export interface ResolvedBurnRateAlert {
  readonly severity: 'critical' | 'warning';
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly factor: number;
  /** How long both windows must hold before it fires. */
  readonly for: string;
}

/** Everything Prometheus and Grafana need for one app, resolved. Present only when the app has a metrics port. */
export interface ResolvedMonitoring {
  readonly scrape: {
    /** A ServiceMonitor for web services, a PodMonitor for workers. */
    readonly kind: 'ServiceMonitor' | 'PodMonitor';
    /** Name of the container port serving metrics. */
    readonly port: string;
    readonly path: string;
    readonly interval: string;
    /** Web services: the Service also exposes the metrics port and the ServiceMonitor scrapes through it. */
    readonly throughService: boolean;
  };
  /**
   * Label matchers selecting the app's own series: what its monitor attaches (the `job` label is
   * the app's name, via `jobLabel: app.kubernetes.io/name`) plus any `slo.metrics.selector`.
   */
  readonly selector: Readonly<Record<string, string>>;
  /** Extra labels on the ServiceMonitor or PodMonitor, so that Prometheus selects it. */
  readonly monitorLabels: Readonly<Record<string, string>>;
  /** Extra labels on the PrometheusRule, so that Prometheus loads it (its `ruleSelector`). */
  readonly ruleLabels: Readonly<Record<string, string>>;
  /** Request metrics, when a convention applies or the app names them. */
  readonly metrics?: ResolvedSloMetrics;
  /** Availability first, then latency. */
  readonly slos: readonly ResolvedSlo[];
  /** SLI windows with recording rules, shortest first; the SLO period is `period`. */
  readonly windows: readonly string[];
  readonly period: string;
  readonly burnRateAlerts: readonly ResolvedBurnRateAlert[];
  readonly targetMissing: { readonly severity: 'critical' | 'warning'; readonly for: string };
  /** Runbook of each alert the app can raise. */
  readonly runbooks: Readonly<Partial<Record<MonitoringAlert, string>>>;
  readonly dashboard: {
    /** Grafana UID: stable, unique per cluster, at most 40 characters. */
    readonly uid: string;
    readonly title: string;
    /** Link used by alerts, e.g. 'https://grafana.acme.dev/d/shop_checkout'. */
    readonly url: string;
    readonly configMapName: string;
    /** Key of the JSON inside the ConfigMap (the sidecar's file name). */
    readonly fileName: string;
    /** Labels that make the Grafana sidecar load it, e.g. { grafana_dashboard: '1' }. */
    readonly labels: Readonly<Record<string, string>>;
    /** Annotations for the sidecar, e.g. { grafana_folder: 'shop' }. */
    readonly annotations: Readonly<Record<string, string>>;
    readonly tags: readonly string[];
  };
}
