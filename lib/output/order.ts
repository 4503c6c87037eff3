import { Manifest } from '../manifest/manifest';

/**
 * Order of objects inside a file: what others depend on first (namespace, identity, config),
 * then traffic rules, then workloads, then what watches them. Unknown kinds go last, by name.
 */
const KIND_ORDER = [
  'Namespace',
  'ResourceQuota',
  'LimitRange',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'ExternalSecret',
  'NetworkPolicy',
  'Service',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'HTTPRoute',
  'Certificate',
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
];
const RANK = new Map(KIND_ORDER.map((kind, i) => [kind, i]));

export function compareManifests(a: Manifest, b: Manifest): number {
  const ra = RANK.get(a.kind) ?? KIND_ORDER.length;
  const rb = RANK.get(b.kind) ?? KIND_ORDER.length;
  if (ra !== rb) return ra - rb;
  for (const [x, y] of [
    [a.kind, b.kind],
    [a.metadata.namespace ?? '', b.metadata.namespace ?? ''],
    [a.metadata.name, b.metadata.name],
  ]) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function sortManifests(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort(compareManifests);
}
