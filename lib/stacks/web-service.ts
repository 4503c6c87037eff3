import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appServiceMonitor, ServiceMonitor } from '../monitoring/service-monitor';
import { appHttpRoute, HttpRoute } from '../network/http-route';
import { appIngress } from '../network/ingress';
import { appService } from '../network/service';
import { appCertificate, Certificate } from '../workload/certificate';
import { AppStackProps } from './app-stack';
import { DeploymentStack } from './deployment-stack';

/**
 * An HTTP or gRPC server: Deployment, Service, ServiceAccount, autoscaler (when autoscaled),
 * PodDisruptionBudget, NetworkPolicy and optional ConfigMap. Rollouts never drop below the
 * desired count (maxUnavailable 0). With a metrics port: a ServiceMonitor, a PrometheusRule (SLO
 * rules and alerts) and a Grafana dashboard. When public: an Ingress (or, in gateway mode, an
 * HTTPRoute) for its host.
 */
export class WebService extends DeploymentStack {
  readonly service: k8s.KubeService;
  /** Scrapes the metrics port; absent without `metricsPort`. */
  readonly serviceMonitor?: ServiceMonitor;
  /** The public Ingress, with TLS from cert-manager; absent unless `expose` is public and the environment uses ingress mode. */
  readonly ingress?: k8s.KubeIngress;
  /** The public HTTPRoute to the platform's Gateway; absent unless `expose` is public and the environment uses gateway mode. */
  readonly httpRoute?: HttpRoute;
  /** The serving certificate from the environment's internal issuer; absent unless the app is hardened. */
  readonly certificate?: Certificate;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'web-service');
    this.service = appService(this, props.app);
    this.certificate = appCertificate(this, props.app);
    this.serviceMonitor = appServiceMonitor(this, props.app);
    this.ingress = appIngress(this, props.app);
    this.httpRoute = appHttpRoute(this, props.app);
  }
}
