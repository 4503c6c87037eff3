import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appDashboard } from '../monitoring/dashboard';
import { appPrometheusRule, PrometheusRule } from '../monitoring/prometheus-rule';
import { appServiceMonitor, ServiceMonitor } from '../monitoring/service-monitor';
import { appHttpRoute, HttpRoute } from '../network/http-route';
import { appIngress } from '../network/ingress';
import { appService } from '../network/service';
import { appAutoscaler } from '../workload/autoscaler';
import { appDeployment } from '../workload/deployment';
import { appDisruptionBudget } from '../workload/disruption-budget';
import { AppStack, AppStackProps } from './app-stack';

/**
 * An HTTP or gRPC server: Deployment, Service, ServiceAccount, autoscaler (when autoscaled),
 * PodDisruptionBudget, NetworkPolicy and optional ConfigMap. Rollouts never drop below the
 * desired count (maxUnavailable 0). With a metrics port: a ServiceMonitor, a PrometheusRule (SLO
 * rules and alerts) and a Grafana dashboard. When public: an Ingress (or, in gateway mode, an
 * HTTPRoute) for its host.
 */
export class WebService extends AppStack {
  readonly deployment: k8s.KubeDeployment;
  readonly service: k8s.KubeService;
  readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;
  /** Scrapes the metrics port; absent without `metricsPort`. */
  readonly serviceMonitor?: ServiceMonitor;
  /** SLO recording rules and alerts, and the missing-target alert; absent without `metricsPort`. */
  readonly rules?: PrometheusRule;
  /** The Grafana dashboard, as a ConfigMap for the sidecar; absent without `metricsPort`. */
  readonly dashboard?: k8s.KubeConfigMap;
  /** The public Ingress, with TLS from cert-manager; absent unless `expose` is public and the environment uses ingress mode. */
  readonly ingress?: k8s.KubeIngress;
  /** The public HTTPRoute to the platform's Gateway; absent unless `expose` is public and the environment uses gateway mode. */
  readonly httpRoute?: HttpRoute;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'web-service');
    this.deployment = appDeployment(this, props.app);
    this.service = appService(this, props.app);
    this.autoscaler = appAutoscaler(this, props.app);
    this.disruptionBudget = appDisruptionBudget(this, props.app);
    this.serviceMonitor = appServiceMonitor(this, props.app);
    this.rules = appPrometheusRule(this, props.app);
    this.dashboard = appDashboard(this, props.app);
    this.ingress = appIngress(this, props.app);
    this.httpRoute = appHttpRoute(this, props.app);
  }
}
