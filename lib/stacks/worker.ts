import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appDashboard } from '../monitoring/dashboard';
import { appPodMonitor, PodMonitor } from '../monitoring/pod-monitor';
import { appPrometheusRule, PrometheusRule } from '../monitoring/prometheus-rule';
import { appAutoscaler } from '../workload/autoscaler';
import { appDeployment } from '../workload/deployment';
import { appDisruptionBudget } from '../workload/disruption-budget';
import { AppStack, AppStackProps } from './app-stack';

/**
 * A process with no Service, such as a queue consumer: Deployment, autoscaler or fixed replicas, PDB, NetworkPolicy.
 * With a metrics port: a PodMonitor, a PrometheusRule (SLO rules and alerts) and a Grafana dashboard.
 */
export class Worker extends AppStack {
  readonly deployment: k8s.KubeDeployment;
  readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;
  /** Scrapes the metrics port; absent without `metricsPort`. */
  readonly podMonitor?: PodMonitor;
  /** SLO recording rules and alerts, and the missing-target alert; absent without `metricsPort`. */
  readonly rules?: PrometheusRule;
  /** The Grafana dashboard, as a ConfigMap for the sidecar; absent without `metricsPort`. */
  readonly dashboard?: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'worker');
    this.deployment = appDeployment(this, props.app);
    this.autoscaler = appAutoscaler(this, props.app);
    this.disruptionBudget = appDisruptionBudget(this, props.app);
    this.podMonitor = appPodMonitor(this, props.app);
    this.rules = appPrometheusRule(this, props.app);
    this.dashboard = appDashboard(this, props.app);
  }
}
