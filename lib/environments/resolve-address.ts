import { AddressParts } from '../model/resolved-shared-data-store';

/**
 * The host a caller dials for a Service in the cluster: its short name from the same namespace
 * (what a pod's DNS search path resolves, and what people write), its fully qualified name across
 * namespaces (a short name there would resolve in the caller's own namespace, or not at all).
 */
export function serviceHost(name: string, namespace: string, callerNamespace: string): string {
  return namespace === callerNamespace ? name : `${name}.${namespace}.svc.cluster.local`;
}

/** The shape of an address variable when the dependency names none. */
export const DEFAULT_ADDRESS = '{host}:{port}';

/**
 * Fills `{host}`, `{port}`... into the template. Returns the placeholders it does not know (or
 * that this callee cannot fill, such as `{database}` for an app) instead of a value when there are any.
 */
export function formatAddress(template: string, parts: AddressParts): { value: string } | { unknown: string[]; known: string[] } {
  const values: Record<string, string | undefined> = { ...parts, port: String(parts.port) };
  const known = Object.keys(values).filter((k) => values[k] !== undefined);
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => values[name] === undefined);
  if (unknown.length > 0 || /[{}]/.test(template.replace(/\{[^}]*\}/g, ''))) return { unknown: unknown.length ? unknown : ['{'], known };
  return { value: template.replace(/\{([^}]*)\}/g, (_, name: string) => values[name]!) };
}
