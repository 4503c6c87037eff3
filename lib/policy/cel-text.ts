/**
 * Small builders for the CEL text rules declare beside their TypeScript check (RuleCel). They keep
 * the guards CEL needs (a missing field is an error, not undefined) in one place, so each rule's
 * expression reads like its TypeScript check.
 */

/** `has()` for every step of a field path: 'c.a.b' -> 'has(c.a) && has(c.a.b)'. */
export function celHas(path: string): string {
  const parts = path.split('.');
  const steps: string[] = [];
  for (let i = 2; i <= parts.length; i++) steps.push(`has(${parts.slice(0, i).join('.')})`);
  return steps.join(' && ');
}

/** A CEL list of string literals (JSON string escapes are CEL string escapes). */
export function celStrings(values: Iterable<string>): string {
  return `[${[...values].map((v) => JSON.stringify(v)).join(', ')}]`;
}

/**
 * True when `predicate` (over the container `c`) holds for every container of the pod: init
 * containers and containers, and ephemeral containers unless `ephemeral` is false (rules about
 * resources skip them, as Kubernetes does not let them set any).
 */
export function celEveryContainer(predicate: string, options: { readonly ephemeral: boolean } = { ephemeral: true }): string {
  const regular = `variables.containers.all(c, ${predicate})`;
  return options.ephemeral ? `${regular} && variables.ephemeralContainers.all(c, ${predicate})` : regular;
}

/** A JavaScript pattern anchored with ^...$, without its anchors, to embed in a CEL `matches()` (RE2 reads the same syntax). */
export function celBare(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, '').replace(/\$$/, '');
}

/** CEL: the object carries a hardened app's data-class label (lib/manifest/data-class.ts). */
export function celHardened(label: string): string {
  return `has(object.metadata.labels) && ${JSON.stringify(label)} in object.metadata.labels`;
}
