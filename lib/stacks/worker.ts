import { Construct } from 'constructs';
import { appPodMonitor, PodMonitor } from '../monitoring/pod-monitor';
import { AppStackProps } from './app-stack';
import { DeploymentStack } from './deployment-stack';

/**
 * A process with no Service, such as a queue consumer: Deployment, autoscaler or fixed replicas, PDB, NetworkPolicy.
 * With a metrics port: a PodMonitor, a PrometheusRule (SLO rules and alerts) and a Grafana dashboard.
 */
export class Worker extends DeploymentStack {
  /** Scrapes the metrics port; absent without `metricsPort`. */
  readonly podMonitor?: PodMonitor;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'worker');
    this.podMonitor = appPodMonitor(this, props.app);
  }
}
