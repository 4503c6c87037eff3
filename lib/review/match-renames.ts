import { leavesOf } from './field-changes';
import { TreeObject } from './rendered-tree';

const NAME = '\u27e8name\u27e9';
const NAMESPACE = '\u27e8namespace\u27e9';

export interface Rename {
  readonly from: TreeObject;
  readonly to: TreeObject;
}

/**
 * Pairs removed and added objects of one environment that are the same object under a new name
 * or namespace: same kind and the same content once each side's own name and namespace are read
 * as placeholders (so labels, selectors and file names that carry the name match too).
 *
 * Two golden-path objects of different apps can be alike (a ServiceAccount is little more than
 * its name), so renames are accepted per pair of apps (files) and only when every removed object
 * of the old app finds its match in the new one: a renamed app, or one object renamed in place.
 * A rename made together with other changes shows as a deletion and a creation.
 */
export function matchRenames(removed: readonly TreeObject[], added: readonly TreeObject[]): { renames: Rename[]; removed: TreeObject[]; added: TreeObject[] } {
  const waiting = new Map<string, TreeObject[]>();
  for (const t of [...added].sort(byId)) {
    const key = contentKey(t);
    waiting.set(key, [...(waiting.get(key) ?? []), t]);
  }
  const pairs: Rename[] = [];
  for (const from of [...removed].sort(byId)) {
    const to = waiting.get(contentKey(from))?.shift();
    if (to) pairs.push({ from, to });
  }
  const removedPerApp = new Map<string, number>();
  for (const r of removed) removedPerApp.set(r.app, (removedPerApp.get(r.app) ?? 0) + 1);
  const perAppPair = new Map<string, Rename[]>();
  for (const p of pairs) {
    const key = `${p.from.app}\u0000${p.to.app}`;
    perAppPair.set(key, [...(perAppPair.get(key) ?? []), p]);
  }
  const renames = [...perAppPair.values()].filter((group) => group.length === removedPerApp.get(group[0].from.app)).flat();
  const used = new Set(renames.flatMap((r) => [r.from, r.to]));
  return { renames, removed: removed.filter((o) => !used.has(o)), added: added.filter((o) => !used.has(o)) };
}

/** The object's kind and leaves, its own name and namespace (as whole words) replaced by placeholders. */
function contentKey(o: TreeObject): string {
  const { name, namespace } = o.manifest.metadata;
  const swap = (s: string) => {
    const out = s.replace(word(name), NAME);
    return namespace ? out.replace(word(namespace), NAMESPACE) : out;
  };
  const leaves = [...leavesOf(o.manifest)].map(([path, value]) => [swap(path), typeof value === 'string' ? swap(value) : value] as const);
  return JSON.stringify([o.manifest.kind, leaves.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/** `name` not inside a longer name: `web` matches in `web` and `shop_web.json`, not in `web-admin`. */
function word(name: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9-])`, 'g');
}

function byId(a: TreeObject, b: TreeObject): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
