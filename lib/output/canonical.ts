/**
 * Fixed key order for every object written: the identifying keys first (so a reader sees what an
 * object is before what it does), everything else alphabetical. The order is ours, independent of
 * cdk8s's own sorting (which an environment variable can turn off).
 */
const FIRST = ['apiVersion', 'kind', 'metadata', 'name', 'namespace'];
const RANK = new Map(FIRST.map((key, i) => [key, i]));

export function canonicalize<T>(value: T): T {
  if (Array.isArray(value)) return value.map(canonicalize) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of canonicalKeys(value)) out[key] = canonicalize((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * An object's keys with a defined value, in canonical order: what `canonicalize` would give, without
 * copying the object (the YAML writer walks the objects in this order instead of copies of them).
 */
export function canonicalKeys(value: object): string[] {
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  // Most objects arrive in this order already (cdk8s sorts keys): checking is cheaper than sorting.
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1], keys[i]) > 0) return keys.sort(compareKeys);
  }
  return keys;
}

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? FIRST.length;
  const rb = RANK.get(b) ?? FIRST.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
