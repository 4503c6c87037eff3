import { ANNOTATION, LABEL } from '../internal/labels';
import { isLabelValue, qualifiedNameProblem } from '../internal/names';
import { sortRecord } from '../internal/sort-record';
import { ResolveContext } from './resolve-context';

/** Annotation prefixes the platform writes itself: an app's value would replace or forge them. */
const PLATFORM_PREFIX = ANNOTATION.source.slice(0, ANNOTATION.source.indexOf('/') + 1);

/**
 * Annotations that would turn off what the restricted profile and the policy pack require, each
 * with why. AppArmor and seccomp are set by the platform's security context; the legacy
 * annotations would override it on older kubelets. `safe-to-evict: false` blocks node drains,
 * which the disruption budgets are there to allow.
 */
const FORBIDDEN_ANNOTATIONS: readonly { readonly match: (key: string, value: string) => boolean; readonly why: string }[] = [
  {
    match: (key, value) => key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !value.startsWith('localhost/'),
    why: "runs a container without AppArmor confinement (Pod Security 'restricted' allows only runtime/default or localhost/*)",
  },
  {
    match: (key) => key === 'seccomp.security.alpha.kubernetes.io/pod' || key.startsWith('container.seccomp.security.alpha.kubernetes.io/'),
    why: 'is the removed seccomp annotation; the platform sets seccompProfile RuntimeDefault on every pod',
  },
  {
    match: (key, value) => key === 'cluster-autoscaler.kubernetes.io/safe-to-evict' && value === 'false',
    why: 'blocks node drains and scale-down; the disruption budget already bounds evictions',
  },
  { match: (key) => key.startsWith(PLATFORM_PREFIX), why: 'is a key the platform writes (source, waivers, config hash)' },
];

/** Label keys the platform writes on every object and pod, and selects on: an app may not set them. */
function platformLabels(ctx: ResolveContext): ReadonlySet<string> {
  return new Set([...Object.values(LABEL), ...Object.keys(ctx.env.labels)]);
}

/**
 * The app's own pod labels and annotations and its ServiceAccount's annotations: Kubernetes keys
 * and values, nothing that collides with the platform's labels or selector, nothing that weakens
 * the pod's security.
 */
export function resolvePodMetadata(ctx: ResolveContext): {
  pod: { labels: Record<string, string>; annotations: Record<string, string> };
  serviceAccountAnnotations: Record<string, string>;
} {
  const { def, prov } = ctx;
  const labels = checkRecord(ctx, 'pod.labels', def.pod?.labels, true);
  const annotations = checkRecord(ctx, 'pod.annotations', def.pod?.annotations, false);
  const serviceAccountAnnotations = checkRecord(ctx, 'serviceAccount.annotations', def.serviceAccount?.annotations, false);
  const reserved = platformLabels(ctx);
  for (const key of Object.keys(labels)) {
    if (!reserved.has(key)) continue;
    ctx.problems.add({
      code: 'E_POD_LABEL_RESERVED',
      field: `pod.labels.${key}`,
      value: labels[key],
      message: "is one of the platform's own labels (its selectors, NetworkPolicies and budgets match on them)",
      fix: 'use a key of your own, e.g. with your team as prefix',
    });
  }
  for (const [field, record] of [
    ['pod.annotations', annotations],
    ['serviceAccount.annotations', serviceAccountAnnotations],
  ] as const) {
    for (const [key, value] of Object.entries(record)) {
      const forbidden = FORBIDDEN_ANNOTATIONS.find((f) => f.match(key, value));
      if (!forbidden) continue;
      ctx.problems.add({
        code: 'E_ANNOTATION_FORBIDDEN',
        field: `${field}.${key}`,
        value,
        message: forbidden.why,
        fix: 'remove it; a real need is a platform change, reviewed with the platform team',
      });
    }
  }
  for (const [field, record] of [
    ['pod.labels', labels],
    ['pod.annotations', annotations],
    ['serviceAccount.annotations', serviceAccountAnnotations],
  ] as const) {
    if (Object.keys(record).length > 0) prov.record(field, 'app', record);
  }
  return { pod: { labels: sortRecord(labels), annotations: sortRecord(annotations) }, serviceAccountAnnotations: sortRecord(serviceAccountAnnotations) };
}

function checkRecord(ctx: ResolveContext, field: string, record: unknown, labels: boolean): Record<string, string> {
  if (record === undefined) return {};
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    ctx.problems.add({
      code: 'E_METADATA',
      field,
      value: record,
      message: 'must be a record of strings',
      fix: `e.g. ${field}: { 'example.com/key': 'value' }`,
    });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      ctx.problems.add({
        code: 'E_METADATA_KEY',
        field: `${field}.${key}`,
        value: key,
        message: `is not a Kubernetes key: it ${keyProblem}`,
        fix: "e.g. 'sidecar.istio.io/inject'",
      });
      continue;
    }
    if (typeof value !== 'string' || (labels && !isLabelValue(value))) {
      ctx.problems.add({
        code: 'E_METADATA_VALUE',
        field: `${field}.${key}`,
        value,
        message: labels ? "must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric" : 'must be a string',
        fix: labels ? "e.g. 'v2'" : "quote it, e.g. 'true'",
      });
      continue;
    }
    out[key] = value;
  }
  return out;
}
