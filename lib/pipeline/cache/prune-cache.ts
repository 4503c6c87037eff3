import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

export interface PruneOptions {
  /** The cache folder, holding one folder per code version and format (`v5-<code>`). */
  readonly root: string;
  /** This run's version folder: never removed by the run that uses it. */
  readonly folder: string;
  /** Files this run read or wrote: kept whatever their age. */
  readonly seen: ReadonlySet<string>;
  readonly now: number;
  /** A file of this version no run read for this long is removed. */
  readonly maxUnusedMs: number;
  /** Told of a file that could not be removed. */
  readonly error: () => void;
}

/**
 * Deletes what no run is likely to read again: other code versions' folders (and other formats')
 * not used for a day, files of this version no run read for `maxUnusedMs` (a team or an
 * environment that is gone; a read refreshes a file's modification time), and unfinished writes
 * older than an hour. Best effort: a cache that cannot be pruned is only larger.
 */
export function pruneCache(options: PruneOptions): void {
  const { root, folder, seen, now } = options;
  const remove = (path: string) => {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      options.error();
    }
  };
  for (const name of list(root)) {
    const path = join(root, name);
    if (path === folder || !name.startsWith('v')) continue;
    if (age(path, now) > DAY_MS) remove(path);
  }
  for (const environment of list(folder)) {
    const dir = join(folder, environment);
    for (const name of list(dir)) {
      const path = join(dir, name);
      if (seen.has(path)) continue;
      if (age(path, now) > (name.includes('.tmp-') ? HOUR_MS : options.maxUnusedMs)) remove(path);
    }
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function age(path: string, now: number): number {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
