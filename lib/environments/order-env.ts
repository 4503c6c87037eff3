import { Problems } from '../internal/errors';

interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** The names a value refers to as `$(NAME)`; `$$(NAME)` is Kubernetes' escape for a literal `$(NAME)`. */
export function envReferences(value: string): string[] {
  return [...value.replace(/\$\$/g, '').matchAll(/\$\(([^)]+)\)/g)].map((m) => m[1]);
}

/**
 * The app's variables in the order the container gets them: by name, except that a variable
 * referring to another (`$(DB_HOST)`) comes after it, since Kubernetes expands only variables
 * defined earlier (a reference to a later one silently stays literal). `defined` are the names
 * the container has before its plain variables (secrets, the ConfigMap's keys). A reference to a
 * name defined nowhere, or a cycle, is a problem.
 */
export function orderEnv(vars: readonly EnvVar[], options: { readonly defined: readonly string[] }, problems: Problems): EnvVar[] {
  const sorted = [...vars].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(sorted.map((v) => v.name));
  const before = new Set(options.defined);
  const needs = new Map<string, string[]>();
  for (const v of sorted) {
    const refs = envReferences(v.value);
    for (const ref of refs.filter((r) => !names.has(r) && !before.has(r))) {
      problems.add({
        code: 'E_ENV_REFERENCE',
        field: `env.${v.name}`,
        value: v.value,
        message: `refers to $(${ref}), which the app does not define, so Kubernetes would leave it as written`,
        fix: `define ${ref} in env, config or secrets, or write $$(${ref}) for a literal`,
      });
    }
    needs.set(
      v.name,
      refs.filter((r) => names.has(r) && r !== v.name),
    );
    if (refs.includes(v.name))
      problems.add({ code: 'E_ENV_REFERENCE', field: `env.${v.name}`, value: v.value, message: 'refers to itself', fix: 'remove the reference' });
  }
  const out: EnvVar[] = [];
  const placed = new Set<string>();
  const pending = [...sorted];
  while (pending.length > 0) {
    const next = pending.findIndex((v) => needs.get(v.name)!.every((r) => placed.has(r)));
    if (next < 0) {
      const cycle = pending.map((v) => v.name);
      problems.add({
        code: 'E_ENV_REFERENCE',
        field: `env.${cycle[0]}`,
        value: pending[0].value,
        message: `is part of a cycle of references (${cycle.join(', ')}), which Kubernetes cannot expand`,
        fix: 'break the cycle: one of them must be a plain value',
      });
      return [...out, ...pending];
    }
    const [v] = pending.splice(next, 1);
    out.push(v);
    placed.add(v.name);
  }
  return out;
}
