import { canonicalize } from '../output/canonical';
import { flatten } from '../output/flatten';
import { alignedLeaves } from './aligned-leaves';

/**
 * One field that differs between two versions of an object, by its flattened path
 * (`spec.template.spec.containers[web].image`). `before` is absent for a new field and `after`
 * for a removed one (test with `'before' in change`); a YAML null is a value.
 */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The leaves of an object, path -> value, in canonical key order. */
export function leavesOf(value: unknown): Map<string, unknown> {
  return flatten(canonicalize(value));
}

/** Every field that differs, by path (alphabetical, so the output is stable), lists lined up item by item. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  return compareLeaves(...alignedLeaves(before, after));
}

export function compareLeaves(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): FieldChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const had = before.has(path);
    const has = after.has(path);
    if (had && has && same(before.get(path), after.get(path))) continue;
    changes.push({ path, ...(had ? { before: before.get(path) } : {}), ...(has ? { after: after.get(path) } : {}) });
  }
  return changes;
}

/** Leaves are primitives or the `[]` / `{}` of empty collections. */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
