import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

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
      // Scale up at once, scale down slowly: flapping costs more than a few idle pods.
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
        scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 100, periodSeconds: 30 }] },
      },
    },
  });
}
