import { Dirent, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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
  const { read, kept, from } = previousTree(outDir, fresh);
  const problems: string[] = [];
  for (const { name: env, apps } of environments) {
    if (!Number.isInteger(apps) || apps < 0) throw new Error(`bug: the guard was given ${String(apps)} apps for environment '${env}'`);
    if (apps === 0) {
      problems.push(`environment '${env}' would have no apps`);
      continue;
    }
    const now = fresh.of(env);
    // The old objects: those of the files the new tree keeps unchanged (all in `now`), and those read again.
    const unchanged = kept(env);
    const reread = read.of(env);
    const removed = [...reread].filter((id) => !now.has(id)).sort();
    const old = unchanged.size + count(reread, (id) => !unchanged.has(id));
    if (old > 0 && removed.length / old > options.maxDropShare) {
      const shown = removed.slice(0, 10).join(', ') + (removed.length > 10 ? `, and ${removed.length - 10} more` : '');
      problems.push(
        `environment '${env}' would lose ${removed.length} of its ${old} objects (${Math.round((100 * removed.length) / old)}% > ${Math.round(options.maxDropShare * 100)}%): ${shown}`,
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
  /** Per folder, the objects of the .yaml files added as unchanged: the old tree's as well as the new one's. */
  private readonly keptByFolder = new Map<string, Set<string>>();
  private readonly keptPaths = new Set<string>();

  /**
   * Adds a file's objects. `unchanged`: the old tree on disk holds these very bytes at `path` (the
   * new tree links that file), so its objects there are these and the guard need not read it.
   */
  add(path: string, text: string, unchanged = false): void {
    // Only .yaml files of the old tree count for the guard.
    const kept = unchanged && path.endsWith('.yaml');
    if (kept) this.keptPaths.add(path);
    const slash = path.indexOf('/');
    if (slash < 0 || path[slash + 1] === '_') return;
    const folder = path.slice(0, slash);
    const ids = setOf(this.byFolder, folder);
    const old = kept ? setOf(this.keptByFolder, folder) : undefined;
    for (const m of text.matchAll(OBJECT)) {
      const id = copied(`${m[1]} ${m[3] ? `${m[3]}/` : ''}${m[2]}`);
      ids.add(id);
      old?.add(id);
    }
  }

  /** The objects under `<folder>/`. */
  of(folder: string): ReadonlySet<string> {
    return this.byFolder.get(folder) ?? NONE;
  }

  /** The objects under `<folder>/` of the files added as unchanged. */
  keptOf(folder: string): ReadonlySet<string> {
    return this.keptByFolder.get(folder) ?? NONE;
  }

  /** Whether the file at `path` was added as unchanged. */
  isKept(path: string): boolean {
    return this.keptPaths.has(path);
  }
}

const NONE: ReadonlySet<string> = new Set();

function setOf(sets: Map<string, Set<string>>, key: string): Set<string> {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  return set;
}

function count<T>(items: Iterable<T>, test: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item)) n++;
  return n;
}

/**
 * A string of its own: V8 keeps a regex match as a slice of the text it was found in, which would
 * keep every file's text alive for as long as its ids. Slicing a concatenation makes a flat copy.
 */
function copied(slice: string): string {
  return ` ${slice}`.slice(1);
}

/**
 * What the GitOps repository last had: the folder on disk, or, when it holds no .yaml file (deleted
 * by hand, a fresh clone that never synthesized), what Git has committed at that path. Only a
 * folder Git has never seen compares against nothing. Of the folder, only the files the new tree
 * did not keep unchanged are read again (`read`); the others' objects are the new tree's (`kept`).
 */
function previousTree(outDir: string, fresh: TreeObjectIds): { read: TreeObjectIds; kept: (folder: string) => ReadonlySet<string>; from?: string } {
  const dir = resolve(outDir);
  const read = new TreeObjectIds();
  let found = 0;
  eachYamlFile(dir, (path) => {
    found++;
    if (!fresh.isKept(path)) read.add(path, readFileSync(join(dir, path), 'utf8'));
  });
  if (found > 0) return { read, kept: (folder) => fresh.keptOf(folder) };
  const { files, from } = committedTree(dir);
  for (const [path, text] of files) read.add(path, text);
  return { read, kept: () => NONE, from };
}

/** Calls `visit` with the relative path of every .yaml file under `dir` (none when it is missing), following symbolic links. */
function eachYamlFile(dir: string, visit: (path: string) => void): void {
  if (existsSync(dir)) eachYamlFileIn(dir, '', visit);
}

function eachYamlFileIn(dir: string, rel: string, visit: (path: string) => void): void {
  // Typed entries: a stat only for a symbolic link, to learn whether it leads to a folder.
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (isFolder(entry, dir, path)) eachYamlFileIn(dir, path, visit);
    else if (entry.name.endsWith('.yaml')) visit(path);
  }
}

function isFolder(entry: Dirent, dir: string, path: string): boolean {
  return entry.isDirectory() || (entry.isSymbolicLink() && statSync(join(dir, path)).isDirectory());
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

/** Every .yaml file under `join(dir, rel)` (none when it is missing), by its path relative to `dir`, added to `out`. */
export function readTree(dir: string, rel: string, out = new Map<string, string>()): Map<string, string> {
  eachYamlFile(join(dir, rel), (path) => {
    const full = rel ? `${rel}/${path}` : path;
    out.set(full, readFileSync(join(dir, full), 'utf8'));
  });
  return out;
}
