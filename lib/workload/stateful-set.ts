import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';
import { secretRolloutAnnotations } from './deployment';
import { claimTemplates } from './persistent-volume-claim';
import { podTemplate } from './pod-template';

/**
 * A StatefulSet of the golden-path pod: stable pod names (`<app>-0`, `<app>-1`, ...) through the
 * headless Service, and one claim of every persistent volume per pod, kept when a pod is replaced.
 * Pods start, stop and roll one at a time (OrderedReady, RollingUpdate from the highest ordinal):
 * the old pod is gone before its successor starts, so one replica is never two.
 */
export function appStatefulSet(scope: Construct, app: ResolvedApp): k8s.KubeStatefulSet {
  const s = app.statefulSet;
  if (!s || app.replicas?.kind !== 'fixed') throw new Error(`bug: ${app.source}: a StatefulSet resolved without its settings or a fixed count`);
  const metadata = appMetadata(app);
  const templates = claimTemplates(app);
  return new k8s.KubeStatefulSet(scope, 'stateful-set', {
    metadata: { ...metadata, annotations: { ...metadata.annotations, ...secretRolloutAnnotations(app) } },
    spec: {
      serviceName: s.serviceName,
      replicas: app.replicas.count,
      podManagementPolicy: s.podManagementPolicy,
      updateStrategy: { type: s.updateStrategy },
      selector: { matchLabels: { ...app.selector } },
      template: podTemplate(app, { spread: true, claims: 'per-pod' }),
      ...(templates.length ? { volumeClaimTemplates: templates } : {}),
    },
  });
}
