import { createHash } from 'node:crypto';
import { Manifest } from '../manifest/manifest';
import { compareManifests } from '../output/order';
import { FieldChange, fieldChanges } from './field-changes';
import { matchRenames } from './match-renames';
import { environmentsOf, RenderedTree, TreeObject } from './rendered-tree';

/**
 * - added / removed: the object exists on one side only;
 * - changed: same object, same file, some fields differ;
 * - moved: same kind, namespace and name, now in another file (fields may differ too);
 * - renamed: removed and added objects with the same content under a new name or namespace
 *   (see matchRenames), which Kubernetes applies as a delete and a create.
 */
export type ObjectStatus = 'added' | 'removed' | 'changed' | 'moved' | 'renamed';

export interface ObjectDiff {
  readonly status: ObjectStatus;
  readonly environment: string;
  /** Where the object is now (where it was, for a removed object). */
  readonly app: string;
  readonly file: string;
  readonly id: string;
  readonly kind: string;
  /** Where a moved or renamed object was. */
  readonly previous?: { readonly app: string; readonly file: string; readonly id: string };
  readonly before?: Manifest;
  readonly after?: Manifest;
  /** Field-level changes: empty for added, removed and renamed objects (the whole object, or only its name, is the change). */
  readonly fields: readonly FieldChange[];
}

export interface TreeDiff {
  /** Every environment of either tree, in the order given, then alphabetical. */
  readonly environments: readonly string[];
  /** Only what differs, by environment, app, then the fixed object order of a file. */
  readonly objects: readonly ObjectDiff[];
}

export interface DiffTreesOptions {
  /** The environments' order (promotion order, as apps/environments.ts lists them). @default - alphabetical */
  readonly environmentOrder?: readonly string[];
}

/** The semantic difference between two rendered trees, object by object and field by field. */
export function diffTrees(before: RenderedTree, after: RenderedTree, options: DiffTreesOptions = {}): TreeDiff {
  const environments = environmentsOf([before, after], options.environmentOrder);
  const objects: ObjectDiff[] = [];
  for (const environment of environments) {
    const old = byId(before, environment);
    const fresh = byId(after, environment);
    const removed: TreeObject[] = [];
    for (const [id, b] of old) {
      const a = fresh.get(id);
      if (!a) {
        removed.push(b);
        continue;
      }
      const fields = fieldChanges(b.manifest, a.manifest);
      if (b.file !== a.file) objects.push(entry('moved', a, b.manifest, fields, b));
      else if (fields.length > 0) objects.push(entry('changed', a, b.manifest, fields));
    }
    const added = [...fresh.values()].filter((a) => !old.has(a.id));
    const matched = matchRenames(removed, added);
    for (const r of matched.renames) objects.push(entry('renamed', r.to, r.from.manifest, [], r.from));
    for (const a of matched.added)
      objects.push({ status: 'added', environment, app: a.app, file: a.file, id: a.id, kind: a.manifest.kind, after: a.manifest, fields: [] });
    for (const b of matched.removed)
      objects.push({ status: 'removed', environment, app: b.app, file: b.file, id: b.id, kind: b.manifest.kind, before: b.manifest, fields: [] });
  }
  const rank = new Map(environments.map((e, i) => [e, i]));
  objects.sort(
    (x, y) =>
      rank.get(x.environment)! - rank.get(y.environment)! ||
      compare(x.app, y.app) ||
      compareManifests((x.after ?? x.before)!, (y.after ?? y.before)!) ||
      compare(x.id, y.id),
  );
  return { environments, objects };
}

/**
 * A Secret's values never reach a report (they would end up in a pull-request comment): each is
 * replaced by a short hash, which still shows whether it changed.
 */
function redacted(kind: string, fields: readonly FieldChange[]): readonly FieldChange[] {
  if (kind !== 'Secret') return fields;
  const hide = (v: unknown) => `(secret value, sha256 ${createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 12)})`;
  return fields.map((f) => {
    if (!/^(data|stringData|binaryData)\./.test(f.path)) return f;
    return { path: f.path, ...('before' in f ? { before: hide(f.before) } : {}), ...('after' in f ? { after: hide(f.after) } : {}) };
  });
}

function entry(status: ObjectStatus, now: TreeObject, before: Manifest, fields: readonly FieldChange[], was?: TreeObject): ObjectDiff {
  return {
    status,
    environment: now.environment,
    app: now.app,
    file: now.file,
    id: now.id,
    kind: now.manifest.kind,
    ...(was ? { previous: { app: was.app, file: was.file, id: was.id } } : {}),
    before,
    after: now.manifest,
    fields: redacted(now.manifest.kind, fields),
  };
}

function byId(tree: RenderedTree, environment: string): Map<string, TreeObject> {
  return new Map(tree.objects.filter((o) => o.environment === environment).map((o) => [o.id, o]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
