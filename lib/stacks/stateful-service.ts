import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appDashboard } from '../monitoring/dashboard';
import { appPodMonitor, PodMonitor } from '../monitoring/pod-monitor';
import { appPrometheusRule, PrometheusRule } from '../monitoring/prometheus-rule';
import { appHeadlessService } from '../network/headless-service';
import { appService } from '../network/service';
import { appDisruptionBudget } from '../workload/disruption-budget';
import { appStatefulSet } from '../workload/stateful-set';
import { AppStack, AppStackProps } from './app-stack';

/**
 * A server that keeps state on its own volumes: a StatefulSet (one claim of every persistent
 * volume per pod, pods one at a time), a headless Service `<app>-headless` for stable pod names,
 * a ClusterIP Service for clients, a PodDisruptionBudget, and every stack's ServiceAccount,
 * NetworkPolicy and config. The pods run as the restricted profile's non-root UID/GID with that
 * group owning the volumes (fsGroup, changed only on a mismatch). With a metrics port: a
 * PodMonitor (the pods, not the two Services, so nothing is scraped twice), SLO rules and a dashboard.
 */
export class StatefulService extends AppStack {
  readonly statefulSet: k8s.KubeStatefulSet;
  /** The Service clients call: `<app>`. */
  readonly service: k8s.KubeService;
  /** The StatefulSet's governing Service: `<app>-headless`, one DNS name per pod. */
  readonly headlessService: k8s.KubeService;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;
  /** Scrapes the metrics port; absent without `metricsPort`. */
  readonly podMonitor?: PodMonitor;
  /** SLO recording rules and alerts, and the missing-target alert; absent without `metricsPort`. */
  readonly rules?: PrometheusRule;
  /** The Grafana dashboard; absent without `metricsPort`. */
  readonly dashboard?: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'stateful-service');
    const { app } = props;
    this.statefulSet = appStatefulSet(this, app);
    this.service = appService(this, app);
    this.headlessService = appHeadlessService(this, app);
    this.disruptionBudget = appDisruptionBudget(this, app);
    this.podMonitor = appPodMonitor(this, app);
    this.rules = appPrometheusRule(this, app);
    this.dashboard = appDashboard(this, app);
  }
}
