import { canonicalize } from '../output/canonical';
import { flatten } from '../output/flatten';

/** Beyond this many item pairs, lists are compared position by position. */
const MAX_ALIGN = 250_000;

/**
 * The leaves of two versions of an object, path -> value, with their lists lined up item by item
 * so that an item inserted in the middle of a list shows as one new item, not as a change to
 * every item after it. Items with a `name` are keyed by it (as lib/output/flatten does); other
 * lists (NetworkPolicy rules, alert rules, args) are aligned on their equal items, and the items
 * between two aligned ones are paired in order (changed in place), the rest new or removed.
 * Paths use the item's index in `after` (`spec.ingress[2]`), or `[was 1]` for a removed item.
 */
export function alignedLeaves(before: unknown, after: unknown): [Map<string, unknown>, Map<string, unknown>] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  walk(canonicalize(before), canonicalize(after), '', b, a);
  return [b, a];
}

function walk(before: unknown, after: unknown, path: string, b: Map<string, unknown>, a: Map<string, unknown>): void {
  if (Array.isArray(before) && Array.isArray(after) && before.length > 0 && after.length > 0) {
    for (const { key, left, right } of pairItems(before, after)) {
      walk(left, right, `${path}[${key}]`, b, a);
    }
    return;
  }
  if (isObject(before) && isObject(after) && Object.keys(before).length > 0 && Object.keys(after).length > 0) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      walk(before[key], after[key], path ? `${path}.${key}` : key, b, a);
    }
    return;
  }
  if (before !== undefined) flatten(before, path, b);
  if (after !== undefined) flatten(after, path, a);
}

function pairItems(before: readonly unknown[], after: readonly unknown[]): { key: string; left?: unknown; right?: unknown }[] {
  const name = (v: unknown) => (isObject(v) && typeof v.name === 'string' ? v.name : undefined);
  const names = (list: readonly unknown[]) => list.map(name);
  const [bn, an] = [names(before), names(after)];
  if ([...bn, ...an].every((n) => n !== undefined) && new Set(bn).size === bn.length && new Set(an).size === an.length) {
    const keys = [...new Set([...(an as string[]), ...(bn as string[])])];
    return keys.map((key) => ({ key, left: before[bn.indexOf(key)], right: after[an.indexOf(key)] }));
  }
  const matches = before.length * after.length > MAX_ALIGN ? [] : commonItems(before.map(text), after.map(text));
  const out: { key: string; left?: unknown; right?: unknown }[] = [];
  let [i, j] = [0, 0];
  for (const [mi, mj] of [...matches, [before.length, after.length] as const]) {
    // The stretch between two equal items: paired in order, then what is left over.
    while (i < mi && j < mj) out.push({ key: String(j), left: before[i++], right: after[j++] });
    while (i < mi) out.push({ key: `was ${i}`, left: before[i++] });
    while (j < mj) out.push({ key: String(j), right: after[j++] });
    if (mi < before.length) out.push({ key: String(mj), left: before[i++], right: after[j++] });
  }
  return out;
}

/** Index pairs of a longest common subsequence of equal items, in order. */
function commonItems(b: readonly string[], a: readonly string[]): (readonly [number, number])[] {
  const table = Array.from({ length: b.length + 1 }, () => new Uint32Array(a.length + 1));
  for (let i = b.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) table[i][j] = b[i] === a[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const out: [number, number][] = [];
  let [i, j] = [0, 0];
  while (i < b.length && j < a.length) {
    if (b[i] === a[j]) out.push([i++, j++]);
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return out;
}

function text(v: unknown): string {
  return JSON.stringify(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
