import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appDashboard } from '../monitoring/dashboard';
import { appPrometheusRule, PrometheusRule } from '../monitoring/prometheus-rule';
import { appAutoscaler } from '../workload/autoscaler';
import { appDeployment } from '../workload/deployment';
import { appDisruptionBudget } from '../workload/disruption-budget';
import { appClaims } from '../workload/persistent-volume-claim';
import { AppStack, AppStackProps } from './app-stack';

/**
 * What a long-running app has beyond every stack's parts: a Deployment, an autoscaler (when
 * autoscaled), a PodDisruptionBudget and, with a metrics port, SLO rules and a dashboard. The web
 * service and the worker add how they are reached and scraped.
 */
export abstract class DeploymentStack extends AppStack {
  readonly deployment: k8s.KubeDeployment;
  readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;
  /** The claims of the app's persistent volumes (`<app>-<volume>`), shared by its pods; empty without persistent volumes. */
  readonly claims: readonly k8s.KubePersistentVolumeClaim[];
  /** SLO recording rules and alerts, and the missing-target alert; absent without `metricsPort`. */
  readonly rules?: PrometheusRule;
  /** The Grafana dashboard, as a ConfigMap for the sidecar; absent without `metricsPort`. */
  readonly dashboard?: k8s.KubeConfigMap;

  protected constructor(scope: Construct, id: string, props: AppStackProps, kind: 'web-service' | 'worker') {
    super(scope, id, props, kind);
    this.claims = appClaims(this, props.app);
    this.deployment = appDeployment(this, props.app);
    this.autoscaler = appAutoscaler(this, props.app);
    this.disruptionBudget = appDisruptionBudget(this, props.app);
    this.rules = appPrometheusRule(this, props.app);
    this.dashboard = appDashboard(this, props.app);
  }
}
