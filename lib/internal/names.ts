/**
 * Kubernetes name rules. App names become Service names (DNS-1035 labels), so they are the
 * strictest: lowercase letters, digits and '-', starting with a letter, at most 63 characters.
 */

export const DNS_LABEL_MAX = 63;
/** A CronJob's Jobs append an 11-character suffix to the name, so CronJob names stop at 52. */
export const CRONJOB_NAME_MAX = 52;
/** A StatefulSet's pods carry `controller-revision-hash: <name>-<10-character hash>`, a label value of at most 63: names stop at 52. */
export const STATEFULSET_NAME_MAX = 52;
/**
 * A batch job's Job is `<app>-<release>`, and an Indexed Job's pods are named `<job>-<index>-<5 characters>`:
 * app names stop at 40, leaving room for a release of up to 15 characters and the index.
 */
export const JOB_APP_NAME_MAX = 40;

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why `name` is not a valid DNS-1035 label of at most `max` characters, or undefined when it is. */
export function nameProblem(name: string, max = DNS_LABEL_MAX): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > max) return `must be at most ${max} characters (has ${name.length})`;
  if (/[A-Z]/.test(name)) return 'must be lowercase';
  if (!/^[a-z]/.test(name)) return 'must start with a lowercase letter';
  if (name.endsWith('-')) return "must not end with '-'";
  if (!DNS_1035_LABEL.test(name)) return "may contain only lowercase letters, digits and '-'";
  return undefined;
}

export function isLabelValue(value: string): boolean {
  return value.length <= DNS_LABEL_MAX && LABEL_VALUE.test(value);
}

export function isEnvVarName(name: string): boolean {
  return ENV_VAR_NAME.test(name);
}

/**
 * Why `key` is not a Kubernetes qualified name (the rule for label and annotation keys:
 * `[prefix/]name`, the prefix a DNS subdomain of at most 253 characters, the name at most 63
 * of [A-Za-z0-9-_.] starting and ending alphanumeric), or undefined when it is.
 */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `has a prefix '${prefix}' that is not a lowercase DNS subdomain`;
  if (name.length === 0) return 'has an empty name part';
  if (name.length > DNS_LABEL_MAX) return `has a name part of ${name.length} characters (at most ${DNS_LABEL_MAX})`;
  if (!QUALIFIED_NAME_PART.test(name)) return "has a name part that is not letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}
