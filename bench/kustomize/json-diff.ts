/**
 * Structural intersection and difference of plain JSON values: how the kustomize tree gets a base
 * that holds what every app of a kind shares, and per-app patches that hold only the rest, as a
 * kustomize user would write them by hand.
 *
 * The rules follow strategic merge patch: maps merge key by key; lists are replaced whole, except
 * `containers`, which merges item by item on `name` (other merge-keyed lists, such as ports keyed
 * by containerPort, are simply kept whole here). So the intersection keeps a list only when it is
 * equal everywhere (or, for containers, item by item), and the difference of a value against its
 * intersection never needs a deletion.
 */

/** The one list merged by item: every pod has one container, named after the app. */
const NAMED_LIST_KEY = 'containers';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type JsonObject = { [key: string]: Json };

/** What all `values` share; undefined when they share nothing. */
export function intersect(values: readonly Json[], key?: string): Json | undefined {
  if (values.length === 0) return undefined;
  const [first, ...rest] = values;
  if (rest.every((v) => deepEqual(v, first))) return first;
  if (values.every(isObject)) {
    const out: JsonObject = {};
    for (const k of Object.keys(first as JsonObject)) {
      if (!values.every((v) => k in v)) continue;
      const common = intersect(
        values.map((v) => v[k]),
        k,
      );
      if (common !== undefined) out[k] = common;
    }
    return out;
  }
  if (key === NAMED_LIST_KEY && values.every(Array.isArray) && isNamedList(first as Json[]) && values.every((v) => sameNames(v as Json[], first as Json[]))) {
    const list = first as JsonObject[];
    return list.map((item, i) => ({ ...(intersect(values.map((v) => (v as Json[])[i])) as JsonObject), name: item.name }));
  }
  return undefined;
}

/** What `value` has beyond `base` (which must be its intersection with others); undefined when nothing. */
export function difference(value: Json, base: Json | undefined, key?: string): Json | undefined {
  if (base === undefined) return value;
  if (deepEqual(value, base)) return undefined;
  if (isObject(value) && isObject(base)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value)) {
      const d = difference(value[k], base[k], k);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (key === NAMED_LIST_KEY && Array.isArray(value) && Array.isArray(base) && isNamedList(value) && sameNames(value, base)) {
    // Named items merge by name, so each carries its name and only its own differences.
    return (value as JsonObject[]).map((item, i) => ({ name: item.name, ...(difference(item, base[i]) as JsonObject | undefined) }));
  }
  return value;
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as Json[]).length && a.every((x, i) => deepEqual(x, (b as Json[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in (b as JsonObject) && deepEqual(a[k], (b as JsonObject)[k]));
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(list: readonly Json[]): boolean {
  return list.length > 0 && list.every((item) => isObject(item) && typeof item.name === 'string');
}

function sameNames(a: readonly Json[], b: readonly Json[]): boolean {
  return a.length === b.length && a.every((item, i) => (item as JsonObject).name === (b[i] as JsonObject).name);
}
