import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp, ResolvedScalingRate } from '../model/resolved-app';

/** An autoscaling/v2 HPA for the app's Deployment, or undefined when replicas are fixed. */
export function appAutoscaler(scope: Construct, app: ResolvedApp): k8s.KubeHorizontalPodAutoscalerV2 | undefined {
  const r = app.replicas;
  if (r?.kind !== 'autoscale') return undefined;
  const metric = (name: 'cpu' | 'memory', averageUtilization: number): k8s.MetricSpecV2 => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization } },
  });
  return new k8s.KubeHorizontalPodAutoscalerV2(scope, 'autoscaler', {
    metadata: appMetadata(app),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name },
      minReplicas: r.min,
      maxReplicas: r.max,
      metrics: [metric('cpu', r.cpuUtilization), ...(r.memoryUtilization !== undefined ? [metric('memory', r.memoryUtilization)] : [])],
      behavior: { scaleDown: rules(r.behavior.scaleDown), scaleUp: rules(r.behavior.scaleUp) },
    },
  });
}

function rules(rate: ResolvedScalingRate): k8s.HpaScalingRulesV2 {
  return {
    stabilizationWindowSeconds: rate.stabilizationWindowSeconds,
    policies: [{ type: 'Percent', value: rate.percent, periodSeconds: rate.periodSeconds }],
  };
}
