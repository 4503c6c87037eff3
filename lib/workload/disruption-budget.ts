import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/**
 * A PodDisruptionBudget expressed as maxUnavailable, so a drain can always evict at least one
 * pod (minAvailable equal to the replica count would block node upgrades forever).
 */
export function appDisruptionBudget(scope: Construct, app: ResolvedApp): k8s.KubePodDisruptionBudget {
  if (app.maxUnavailable === undefined) throw new Error(`bug: ${app.source}: a ${app.kind} has no disruption budget`);
  return new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: appMetadata(app),
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(app.maxUnavailable),
      selector: { matchLabels: { ...app.selector } },
      unhealthyPodEvictionPolicy: app.unhealthyPodEvictionPolicy,
    },
  });
}
