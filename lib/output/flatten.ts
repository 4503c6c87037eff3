/**
 * Flattens an object into `path -> leaf value`, so two renderings can be compared field by field.
 * List items that have a `name` are keyed by it (`containers[web].image`), so reordering or
 * inserting an item does not show as a change to every item after it.
 */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, []);
    const named = value.every((v) => v !== null && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string');
    value.forEach((item, i) => flatten(item, `${prefix}[${named ? (item as { name: string }).name : i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(prefix, {});
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}
