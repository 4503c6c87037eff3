/**
 * How an environment's Prometheus and Grafana find what the platform generates, and where alerts
 * link to. Set by the platform team in apps/environments.ts; every field has a platform default.
 * In URL patterns `{domain}` and `{env}` are replaced by the environment's.
 */
export interface EnvironmentMonitoring {
  /**
   * Labels that make Prometheus load a PrometheusRule (its `ruleSelector`).
   * @default { release: 'kube-prometheus-stack' }
   */
  readonly ruleLabels?: Readonly<Record<string, string>>;
  /**
   * Labels that make Prometheus select a ServiceMonitor or PodMonitor (its `serviceMonitorSelector`
   * and `podMonitorSelector`). @default { release: 'kube-prometheus-stack' }
   */
  readonly monitorLabels?: Readonly<Record<string, string>>;
  /** Namespace Prometheus runs in: the NetworkPolicies let it in on each app's metrics port. @default 'monitoring' */
  readonly prometheusNamespace?: string;
  /** How often each app is scraped, a Prometheus duration. @default '30s' */
  readonly scrapeInterval?: string;
  /** Grafana's address, for the `dashboard_url` of alerts. @default 'https://grafana.{domain}' */
  readonly grafanaUrl?: string;
  /**
   * Runbook of each alert; `{alert}` is replaced by the alert's name in kebab case
   * (`slo-error-budget-burn`). @default 'https://runbooks.{domain}/golden-path/{alert}'
   */
  readonly runbookUrl?: string;
  /** Labels that make the Grafana sidecar load a dashboard ConfigMap. @default { grafana_dashboard: '1' } */
  readonly dashboardLabels?: Readonly<Record<string, string>>;
  /** Annotation from which the Grafana sidecar reads a dashboard's folder. @default 'grafana_folder' */
  readonly dashboardFolderAnnotation?: string;
  /** Grafana folder of each app's dashboard; `{team}` is replaced. @default '{team}' */
  readonly dashboardFolder?: string;
}
