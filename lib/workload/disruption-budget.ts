import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/**
 * A PodDisruptionBudget expressed as maxUnavailable, so a drain can always evict at least one
 * pod (minAvailable equal to the replica count would block node upgrades forever).
 */
export function appDisruptionBudget(scope: Construct, app: ResolvedApp): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: appMetadata(app),
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(app.maxUnavailable ?? 1),
      selector: { matchLabels: { ...app.selector } },
      unhealthyPodEvictionPolicy: app.unhealthyPodEvictionPolicy,
    },
  });
}
