import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appService } from '../network/service';
import { appAutoscaler } from '../workload/autoscaler';
import { appDeployment } from '../workload/deployment';
import { appDisruptionBudget } from '../workload/disruption-budget';
import { AppStack, AppStackProps } from './app-stack';

/**
 * An HTTP or gRPC server: Deployment, Service, ServiceAccount, autoscaler (when autoscaled),
 * PodDisruptionBudget, NetworkPolicy and optional ConfigMap. Rollouts never drop below the
 * desired count (maxUnavailable 0).
 */
export class WebService extends AppStack {
  readonly deployment: k8s.KubeDeployment;
  readonly service: k8s.KubeService;
  readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'web-service');
    this.deployment = appDeployment(this, props.app, { maxSurge: '25%', maxUnavailable: 0 });
    this.service = appService(this, props.app);
    this.autoscaler = appAutoscaler(this, props.app);
    this.disruptionBudget = appDisruptionBudget(this, props.app);
  }
}
