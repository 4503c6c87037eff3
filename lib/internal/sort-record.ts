/** A copy of `record` with its keys in sorted order, so output does not depend on insertion order. */
export function sortRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}
