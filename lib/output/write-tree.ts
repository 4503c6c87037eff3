import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { PlatformError } from '../internal/errors';
import { SYNTH_MARKER, SYNTH_MARKER_TEXT } from './owned-folder';

/** The points between the steps of a write, where a fault test stops the process. */
type WriteStep = 'staged' | 'retired' | 'swapped';

/** Raised when the old tree could not be removed after the swap, so it is never swapped in. */
export class OldTreeError extends PlatformError {}

/**
 * Replaces `outDir` with exactly `files` (relative path -> content) plus the synth marker, all or
 * nothing: a `StagedTree` given every file, then committed.
 */
export function writeTree(outDir: string, files: ReadonlyMap<string, string>): void {
  const tree = new StagedTree(outDir);
  try {
    for (const path of [...files.keys()].sort()) tree.add(path, files.get(path)!);
  } catch (error) {
    tree.discard();
    throw error;
  }
  tree.commit();
}

/**
 * A new tree for `outDir`, written file by file beside the old one (`.<name>-new-<id>`), so a synth
 * can write each environment as it is rendered and drop it, and swapped in by `commit` with two
 * renames, the old tree going to `.<name>-old-<id>`, which is then deleted. Until `commit` nothing
 * of `outDir` changes: `discard` (or a kill, undone by `recoverSwap` at the start of the next
 * synth) leaves the old tree as it was. Folders get 0777 and files 0666 minus the umask. A file
 * whose bytes are already in the old tree at the same path is hard-linked from there instead of
 * written: a synth that changes one app writes one file per environment, and deleting the old tree
 * then only drops links. Safe because no file of a tree is ever modified in place.
 */
export class StagedTree {
  private readonly target: string;
  private readonly staging: string;
  private readonly retired: string;
  private readonly folders = new Set<string>();
  private readonly paths = new Set<string>();
  /** The first folder above the staging folder that this tree created, removed again by `discard`. */
  private createdParent?: string;
  /** Reused from file to file: a new file's bytes, and an old one's to compare them with. */
  private readonly buffers = { text: Buffer.alloc(0), old: Buffer.alloc(0) };
  private started = false;
  private done = false;

  constructor(private readonly outDir: string) {
    this.target = resolve(outDir);
    const parent = dirname(this.target);
    const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.staging = join(parent, `.${basename(this.target)}-new-${id}`);
    this.retired = join(parent, `.${basename(this.target)}-old-${id}`);
  }

  /** Writes one file (a clean relative path) into the new tree; true when it is the old tree's file, linked unchanged. */
  add(path: string, text: string): boolean {
    if (this.done) throw new Error(`bug: ${path} added to a tree already committed or discarded`);
    checkRelative(path);
    // A second write of a path could truncate a file hard-linked to the live tree's.
    if (this.paths.has(path)) throw new Error(`bug: ${path} added twice to the new tree`);
    this.paths.add(path);
    if (!this.started) {
      // Created on the first file, so a synth that fails before writing anything leaves no trace.
      this.createdParent = mkdirSync(dirname(this.target), { recursive: true });
      mkdirSync(this.staging);
      this.started = true;
    }
    // `path` is clean and relative (checked above), so joining is concatenating, without join's normalizing.
    const file = `${this.staging}${sep}${path}`;
    const folder = dirname(file);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    const bytes = this.encode(text);
    if (linkUnchanged(`${this.target}${sep}${path}`, file, bytes, this.buffers)) return true;
    writeFileSync(file, bytes);
    return false;
  }

  /** `text` in UTF-8, in a buffer reused by the next file: no allocation per file. */
  private encode(text: string): Buffer {
    // A UTF-16 unit takes at most 3 bytes (a surrogate pair 4 for two units), so `write` never cuts one short.
    if (this.buffers.text.length < 3 * text.length) this.buffers.text = Buffer.allocUnsafe(3 * text.length);
    return this.buffers.text.subarray(0, this.buffers.text.write(text));
  }

  /**
   * Where a file added to the new tree is, for the render cache to copy its bytes as they are (read as
   * it writes them: held, a fleet's files would take hundreds of MB); undefined when it was not added.
   */
  written(path: string): { readonly file: string } | undefined {
    return this.paths.has(path) && !this.done ? { file: join(this.staging, path) } : undefined;
  }

  /** Removes the new tree (and a parent folder made for it): nothing was written. */
  discard(): void {
    this.done = true;
    if (!this.started) return;
    rmSync(this.staging, { recursive: true, force: true });
    // Only the folders made for it, and only while empty: someone else may have written there meanwhile.
    for (let folder = dirname(this.target); this.createdParent !== undefined && folder.startsWith(this.createdParent); folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        return;
      }
    }
  }

  /** Swaps the new tree in place of `outDir`; a failure before the swap discards it and leaves the old tree. */
  commit(): void {
    const { target, staging, retired } = this;
    try {
      if (!this.started) {
        mkdirSync(dirname(target), { recursive: true });
        mkdirSync(staging);
        this.started = true;
      }
      this.done = true;
      writeFileSync(join(staging, SYNTH_MARKER), SYNTH_MARKER_TEXT);
      // Deleting the old tree is the step after the swap: prove now that it cannot fail half-way.
      if (existsSync(target)) checkRemovable(target, this.outDir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    fault('staged');

    const hadOld = existsSync(target);
    if (hadOld) renameSync(target, retired);
    fault('retired');
    try {
      renameSync(staging, target);
    } catch (error) {
      if (hadOld) renameSync(retired, target);
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    fault('swapped');
    if (!hadOld) return;
    try {
      removeTree(retired);
    } catch {
      // Checked removable above, so this is a race (someone changed permissions meanwhile). The new
      // tree is complete and in place, so the write stands; the next synth's recoverSwap retries.
    }
  }
}

/**
 * Hard-links `old` to `file` when it is a regular file holding exactly `bytes`; false (write it)
 * otherwise. The old file is read into `buffers.old` (grown as needed), not a buffer of its own.
 */
function linkUnchanged(old: string, file: string, bytes: Buffer, buffers: { old: Buffer }): boolean {
  try {
    // No entry is the common case of a new file: no error object for it.
    const stat = lstatSync(old, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isFile() || stat.size !== bytes.length) return false;
    if (buffers.old.length < bytes.length) buffers.old = Buffer.allocUnsafe(bytes.length);
    if (!sameBytes(old, bytes, buffers.old)) return false;
    linkSync(old, file);
    return true;
  } catch {
    // An unreadable old file, or a file system without hard links: writing is always right.
    return false;
  }
}

/** Whether the file at `path` starts with `bytes` (its size is known to be theirs), read into `into`. */
function sameBytes(path: string, bytes: Buffer, into: Buffer): boolean {
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, into, got, bytes.length - got, got);
      if (n === 0) return false;
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  return bytes.compare(into, 0, bytes.length) === 0;
}

/**
 * Finishes or undoes a write that was stopped part-way (killed, power lost), before anything else
 * reads or writes `outDir`. Beside the target: a `-new-` folder is an unfinished or unswapped copy
 * and goes; an `-old-` folder is the previous tree, put back when the target is missing (the kill
 * came between the two renames), otherwise deleted (the kill came after the swap). Returns what
 * it did, one line per leftover, for the user.
 */
export function recoverSwap(outDir: string): string[] {
  const target = resolve(outDir);
  const parent = dirname(target);
  if (!existsSync(parent)) return [];
  const name = basename(target);
  const leftovers = readdirSync(parent)
    .filter((e) => e.startsWith(`.${name}-new-`) || e.startsWith(`.${name}-old-`))
    .sort();
  const done: string[] = [];
  // At most one -old- folder can be the previous tree: writes of one folder are serialized by its lock.
  const retired = leftovers.filter((e) => e.startsWith(`.${name}-old-`));
  for (const entry of retired) {
    if (!existsSync(target)) {
      renameSync(join(parent, entry), target);
      done.push(`restored ${outDir} from ${entry} (a synth was stopped between its two renames)`);
    } else {
      removeLeftover(join(parent, entry));
      done.push(`removed ${entry} (the tree a stopped synth had replaced)`);
    }
  }
  for (const entry of leftovers.filter((e) => e.startsWith(`.${name}-new-`))) {
    removeLeftover(join(parent, entry));
    done.push(`removed ${entry} (the unfinished tree of a stopped synth)`);
  }
  return done;
}

/**
 * Deletes a tree known to be ours and removable (checked before the swap): a typed listing and a
 * rmdir per folder, an unlink per file (most of them only links, the new tree holding the same
 * file). About a third less CPU than rmSync, which takes an lstat of every entry and first tries
 * to rmdir each folder (an error object when it is not empty yet).
 */
function removeTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // A symbolic link to a folder is a link: unlinked, not followed.
    if (entry.isDirectory()) removeTree(path);
    else unlinkSync(path);
  }
  rmdirSync(dir);
}

function removeLeftover(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch (error) {
    throw new OldTreeError(
      'E_SYNTH_OLD_TREE',
      `${path}: a stopped synth left this folder and it cannot be deleted (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was written. Fix: make it writable (chmod -R u+w ${path}) or delete it yourself, then synth again`,
    );
  }
}

/** Every folder of the tree must let us delete its entries: write and search permission, owner-writable. */
function checkRemovable(target: string, outDir: string): void {
  const stuck = firstStuckFolder(target, '');
  if (stuck === undefined) return;
  const shown = stuck === '' ? outDir : join(outDir, stuck);
  throw new OldTreeError(
    'E_SYNTH_OLD_TREE',
    `${shown}: this folder is read-only or not ours, so the old tree could not be deleted after the swap; nothing was written. Fix: make it writable (chmod -R u+w ${outDir}) or remove the old tree yourself, then synth again`,
  );
}

function firstStuckFolder(root: string, rel: string): string | undefined {
  const dir = join(root, rel);
  if ((statSync(dir).mode & 0o200) === 0) return rel;
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    return rel;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = firstStuckFolder(root, rel ? `${rel}/${entry.name}` : entry.name);
    if (found !== undefined) return found;
  }
  return undefined;
}

// Fault injection for the tests that kill a synth between two steps (test/output/*.e2e.test.ts):
// nothing else sets this variable. SIGKILL, so no handler or finally block runs, as in a real kill.
function fault(step: WriteStep): void {
  if (process.env.PLATFORM_SYNTH_KILL_AT === step) process.kill(process.pid, 'SIGKILL');
}

function checkRelative(path: string): void {
  const clean = normalize(path);
  if (isAbsolute(path) || clean.startsWith('..') || clean.split(sep).includes('..') || clean !== path) {
    throw new Error(`bug: output path '${path}' is not a clean relative path`);
  }
}
