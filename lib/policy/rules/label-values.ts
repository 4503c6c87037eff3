import { isLabelValue, qualifiedNameProblem } from '../../internal/names';
import { Manifest } from '../../manifest/manifest';
import { LabelSelector } from '../../manifest/k8s-types';
import { ObjectRule, Violation } from '../rule';

/** `[prefix/]name`: the prefix a DNS subdomain of at most 253 characters, the name like a value but not empty. */
const KEY_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const labelValues: ObjectRule = {
  id: 'label-values',
  scope: 'object',
  severity: 'error',
  finding: 'a label key or value, or an annotation key, is not valid Kubernetes syntax',
  why: 'the API server rejects the object, so the whole sync fails',
  fix: "use at most 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric (keys may add a 'dns.prefix/')",
  admission: { synthOnly: 'the API server itself rejects invalid label keys and values; the rule exists to fail earlier, at synth' },
  check: (object, context) => {
    const out: Violation[] = [];
    checkLabels(object.metadata.labels as Record<string, unknown> | undefined, 'metadata.labels', out);
    // Annotation values take any text, but their keys follow the label key rule (an extra object's, say).
    for (const key of Object.keys((object.metadata.annotations as Record<string, unknown> | undefined) ?? {})) {
      const problem = qualifiedNameProblem(key);
      if (problem) out.push({ field: 'metadata.annotations', message: `annotation key '${key}' ${problem}` });
    }
    const pod = context.pods.of(object);
    if (pod && pod.labelsPath !== 'metadata.labels') checkLabels(pod.labels, pod.labelsPath, out);
    const selector = selectorOf(object);
    if (selector) checkLabels(selector.value, selector.field, out);
    return out;
  },
};

function selectorOf(object: Manifest): { value: Record<string, unknown>; field: string } | undefined {
  const spec = (object as { spec?: { selector?: LabelSelector | Record<string, string> } }).spec;
  if (!spec?.selector) return undefined;
  if (object.kind === 'Service') return { value: spec.selector as Record<string, unknown>, field: 'spec.selector' };
  const matchLabels = (spec.selector as LabelSelector).matchLabels;
  return matchLabels ? { value: matchLabels, field: 'spec.selector.matchLabels' } : undefined;
}

function checkLabels(labels: Readonly<Record<string, unknown>> | undefined, field: string, out: Violation[]): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) out.push({ field, message: `label key '${key}' ${keyProblem}` });
    if (typeof value !== 'string' || !isLabelValue(value))
      out.push({ field: `${field}["${key}"]`, message: `label '${key}' has an invalid value ${JSON.stringify(value)}` });
  }
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !KEY_PREFIX.test(prefix))) return 'has a prefix that is not a DNS subdomain';
  if (name === '' || !isLabelValue(name)) return 'has an invalid name part';
  return undefined;
}
