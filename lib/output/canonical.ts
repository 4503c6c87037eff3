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
  const keys = Object.keys(value).sort(compareKeys);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonicalize(v);
  }
  return out as T;
}

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? FIRST.length;
  const rb = RANK.get(b) ?? FIRST.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
