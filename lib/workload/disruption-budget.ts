import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/**
 * A PodDisruptionBudget expressed as maxUnavailable, so a drain can always evict at least one
 * pod (minAvailable equal to the replica count would block node upgrades forever).
 */
export function appDisruptionBudget(scope: Construct, app: ResolvedApp): k8s.KubePodDisruptionBudget {
  if (app.maxUnavailable === undefined || app.unhealthyPodEvictionPolicy === undefined)
    throw new Error(`bug: ${app.source}: a ${app.kind} has no disruption budget`);
  return disruptionBudget(scope, {
    metadata: appMetadata(app),
    selector: app.selector,
    maxUnavailable: app.maxUnavailable,
    unhealthyPodEvictionPolicy: app.unhealthyPodEvictionPolicy,
  });
}

export interface DisruptionBudgetOptions {
  readonly metadata: k8s.ObjectMeta;
  readonly selector: Readonly<Record<string, string>>;
  readonly maxUnavailable: number;
  readonly unhealthyPodEvictionPolicy: 'AlwaysAllow' | 'IfHealthyBudget';
}

/** A workload's budget (an app's or an in-cluster data store's), as maxUnavailable. */
export function disruptionBudget(scope: Construct, options: DisruptionBudgetOptions): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: options.metadata,
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(options.maxUnavailable),
      selector: { matchLabels: { ...options.selector } },
      unhealthyPodEvictionPolicy: options.unhealthyPodEvictionPolicy,
    },
  });
}
