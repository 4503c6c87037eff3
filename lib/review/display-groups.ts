import { ObjectDiff, ObjectStatus, TreeDiff } from './diff-trees';
import { FieldChange } from './field-changes';

/** A label path inside an object: its own labels or a pod template's. */
const LABEL_PATH = /^(?:.*\.)?metadata\.labels\.(.+)$/;

export interface DisplayObject {
  readonly diff: ObjectDiff;
  /** The fields to show: the object's changes minus the label changes shown once for the app. */
  readonly fields: readonly FieldChange[];
  /** It changed, but only in the labels shown once for the app. */
  readonly labelsOnly: boolean;
}

export interface AppGroup {
  readonly app: string;
  /** Files the app's changed objects are (or were) in. */
  readonly files: readonly string[];
  /** Label changes every changed object of the app shares (a version bump), by label key. */
  readonly sharedLabels: readonly FieldChange[];
  readonly objects: readonly DisplayObject[];
}

export interface EnvironmentGroup {
  readonly environment: string;
  readonly counts: Readonly<Record<ObjectStatus, number>>;
  readonly apps: readonly AppGroup[];
}

/**
 * The diff arranged for reading: by environment, then app, then object. A label change that
 * every changed object of an app shares (`app.kubernetes.io/version` on a release) is shown once
 * for the app instead of on each object. Environments without changes are left out.
 */
export function groupForDisplay(diff: TreeDiff): EnvironmentGroup[] {
  const groups: EnvironmentGroup[] = [];
  for (const environment of diff.environments) {
    const objects = diff.objects.filter((d) => d.environment === environment);
    if (objects.length === 0) continue;
    const counts: Record<ObjectStatus, number> = { added: 0, removed: 0, changed: 0, moved: 0, renamed: 0 };
    for (const d of objects) counts[d.status]++;
    const apps = [...new Set(objects.map((d) => d.app))].map((app) =>
      appGroup(
        app,
        objects.filter((d) => d.app === app),
      ),
    );
    groups.push({ environment, counts, apps });
  }
  return groups;
}

/** Environments present on either side with nothing changed. */
export function unchangedEnvironments(diff: TreeDiff): string[] {
  return diff.environments.filter((e) => !diff.objects.some((d) => d.environment === e));
}

function appGroup(app: string, objects: readonly ObjectDiff[]): AppGroup {
  const withFields = objects.filter((d) => d.fields.length > 0);
  const signature = (f: FieldChange) => {
    const m = LABEL_PATH.exec(f.path);
    return m ? JSON.stringify([m[1], 'before' in f ? f.before : null, 'before' in f, 'after' in f ? f.after : null, 'after' in f]) : undefined;
  };
  const shared = new Map<string, FieldChange>();
  if (withFields.length >= 2) {
    const perObject = withFields.map((d) => new Set(d.fields.map(signature).filter((s): s is string => s !== undefined)));
    for (const d of withFields) {
      for (const f of d.fields) {
        const s = signature(f);
        if (s && !shared.has(s) && perObject.every((set) => set.has(s))) shared.set(s, { ...f, path: LABEL_PATH.exec(f.path)![1] });
      }
    }
  }
  const display = objects.map((d) => {
    const fields = d.fields.filter((f) => !shared.has(signature(f) ?? ''));
    return { diff: d, fields, labelsOnly: d.fields.length > 0 && fields.length === 0 && d.status === 'changed' };
  });
  const files = [...new Set(objects.flatMap((d) => [d.previous?.file, d.file]).filter((f): f is string => f !== undefined))].sort();
  return { app, files, sharedLabels: [...shared.values()], objects: display };
}

/** What a reader is told about an object beside its id: ' (new)', ' (moved from ...)', ' (labels only)', or nothing. */
export function statusNote(o: DisplayObject): string {
  const d = o.diff;
  if (d.status === 'added') return ' (new)';
  if (d.status === 'removed') return ' (deleted)';
  if (d.status === 'moved') return ` (moved from ${d.previous!.file})`;
  if (d.status === 'renamed') return ` (renamed from ${d.previous!.id}: delete and create)`;
  return o.labelsOnly ? ' (labels only)' : '';
}
