import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appAutoscaler } from '../workload/autoscaler';
import { appDeployment } from '../workload/deployment';
import { appDisruptionBudget } from '../workload/disruption-budget';
import { AppStack, AppStackProps } from './app-stack';

/** A process with no Service, such as a queue consumer: Deployment, autoscaler or fixed replicas, PDB, NetworkPolicy. */
export class Worker extends AppStack {
  readonly deployment: k8s.KubeDeployment;
  readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'worker');
    this.deployment = appDeployment(this, props.app, { maxSurge: '25%', maxUnavailable: '25%' });
    this.autoscaler = appAutoscaler(this, props.app);
    this.disruptionBudget = appDisruptionBudget(this, props.app);
  }
}
