import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gitText, readGitFolder, runGit } from '../internal/git';
import { PlatformError } from '../internal/errors';

export interface GuardOptions {
  /** Largest share (0..1) of an environment's objects one synth may delete. */
  readonly maxDropShare: number;
  /** Let this synth empty an environment or delete more than the share. */
  readonly allowDrop: boolean;
}

/** Raised when a synth would empty an environment or delete too much of it. */
export class GuardError extends PlatformError {}

// Our own files always start an object this way (canonical key order), so no YAML parse is needed.
const OBJECT = /^---\napiVersion: .*\nkind: (.*)\nmetadata:\n {2}name: (.*)\n(?: {2}namespace: (.*)\n)?/gm;

/** An environment as the guard sees it: its folder under the output and how many apps it renders. */
export interface GuardedEnvironment {
  readonly name: string;
  readonly apps: number;
}

/**
 * The GitOps guard. Argo CD prunes whatever disappears from Git, so an accidental empty or
 * half-empty commit would delete live workloads: refuse an environment with no apps, or one that
 * loses more than `maxDropShare` of its objects, unless `allowDrop` is set.
 */
export function guardDrops(outDir: string, files: ReadonlyMap<string, string>, environments: readonly GuardedEnvironment[], options: GuardOptions): void {
  if (options.allowDrop) return;
  const fresh = new TreeObjectIds();
  for (const [path, text] of files) fresh.add(path, text);
  guardObjectDrops(outDir, fresh, environments, options);
}

/** `guardDrops` of a new tree known by its objects (gathered while it was written), so its texts need not be held. */
export function guardObjectDrops(outDir: string, fresh: TreeObjectIds, environments: readonly GuardedEnvironment[], options: GuardOptions): void {
  if (options.allowDrop) return;
  const { ids: previous, from } = previousTree(outDir);
  const problems: string[] = [];
  for (const { name: env, apps } of environments) {
    if (!Number.isInteger(apps) || apps < 0) throw new Error(`bug: the guard was given ${String(apps)} apps for environment '${env}'`);
    if (apps === 0) {
      problems.push(`environment '${env}' would have no apps`);
      continue;
    }
    const now = fresh.of(env);
    const old = previous.of(env);
    const removed = [...old].filter((id) => !now.has(id)).sort();
    if (old.size > 0 && removed.length / old.size > options.maxDropShare) {
      const shown = removed.slice(0, 10).join(', ') + (removed.length > 10 ? `, and ${removed.length - 10} more` : '');
      problems.push(
        `environment '${env}' would lose ${removed.length} of its ${old.size} objects (${Math.round((100 * removed.length) / old.size)}% > ${Math.round(options.maxDropShare * 100)}%): ${shown}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new GuardError(
      'E_GUARD',
      `refusing to write: Argo CD would prune these from the clusters${from ? ` (compared with ${from})` : ''}.\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix: if this is intended, run synth again with --allow-drop; otherwise restore the missing app definitions`,
    );
  }
}

/**
 * The objects of a tree's apps per environment folder, gathered file by file. The platform's own
 * folder of an environment (`_platform/`, a name no team can have) is left out: its admission
 * policies do not shrink with the apps, and would hide a drop.
 */
export class TreeObjectIds {
  private readonly byFolder = new Map<string, Set<string>>();
  private static readonly NONE: ReadonlySet<string> = new Set();

  add(path: string, text: string): void {
    const slash = path.indexOf('/');
    if (slash < 0 || path[slash + 1] === '_') return;
    const folder = path.slice(0, slash);
    let ids = this.byFolder.get(folder);
    if (!ids) this.byFolder.set(folder, (ids = new Set()));
    for (const m of text.matchAll(OBJECT)) ids.add(copied(`${m[1]} ${m[3] ? `${m[3]}/` : ''}${m[2]}`));
  }

  /** The objects under `<folder>/`. */
  of(folder: string): ReadonlySet<string> {
    return this.byFolder.get(folder) ?? TreeObjectIds.NONE;
  }
}

/**
 * A string of its own: V8 keeps a regex match as a slice of the text it was found in, which would
 * keep every file's text alive for as long as its ids. Slicing a concatenation makes a flat copy.
 */
function copied(slice: string): string {
  return ` ${slice}`.slice(1);
}

/**
 * What the GitOps repository last had: the folder on disk (read a file at a time), or, when it is
 * missing or empty (deleted by hand, a fresh clone that never synthesized), what Git has committed
 * at that path. Only a folder Git has never seen compares against nothing.
 */
function previousTree(outDir: string): { ids: TreeObjectIds; from?: string } {
  const ids = new TreeObjectIds();
  if (readIds(resolve(outDir), '', ids) > 0) return { ids };
  const { files, from } = committedTree(resolve(outDir));
  for (const [path, text] of files) ids.add(path, text);
  return { ids, from };
}

/** Adds the objects of every .yaml file under `dir` to `ids`; returns how many files it read. */
function readIds(dir: string, rel: string, ids: TreeObjectIds): number {
  if (!existsSync(join(dir, rel))) return 0;
  let read = 0;
  for (const entry of readdirSync(join(dir, rel))) {
    const path = rel ? `${rel}/${entry}` : entry;
    if (statSync(join(dir, path)).isDirectory()) read += readIds(dir, path, ids);
    else if (entry.endsWith('.yaml')) {
      ids.add(path, readFileSync(join(dir, path), 'utf8'));
      read++;
    }
  }
  return read;
}

function committedTree(target: string): { files: Map<string, string>; from?: string } {
  let existing = dirname(target);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const toplevel = gitText(existing, ['rev-parse', '--show-toplevel']);
  if (toplevel === undefined || !runGit(toplevel, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).ok) return { files: new Map() };
  const path = relative(realpathSync(toplevel), join(realpathSync(existing), relative(existing, target)))
    .split(sep)
    .join('/');
  if (path === '' || path.startsWith('..')) return { files: new Map() };
  return { files: readGitFolder(toplevel, 'HEAD', path), from: `${path}/ as committed at HEAD, as the folder is missing or empty` };
}

export function readTree(dir: string, rel: string, out = new Map<string, string>()): Map<string, string> {
  if (!existsSync(join(dir, rel))) return out;
  for (const entry of readdirSync(join(dir, rel))) {
    const path = rel ? `${rel}/${entry}` : entry;
    if (statSync(join(dir, path)).isDirectory()) readTree(dir, path, out);
    else if (entry.endsWith('.yaml')) out.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return out;
}
