import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `file` whole or not at all: the parts go into a temporary file beside it (`.tmp-`, which
 * the render cache's prune removes when a crash leaves one), renamed over `file`. A reader sees the
 * old file or the new one. Not flushed to disk before the rename (2-3 ms a file here, more on a CI
 * runner's network disk, ~10 files in a one-app change): a crash of the machine may leave the new
 * name over lost blocks (zeros, or cut short), and every file written this way is read back only
 * through a check that catches that (the sum in the header of a pack, a resolution file, a platform
 * or catalog file: `summed-file.ts`), so it is a miss, never a wrong hit. The code fingerprint's
 * memo has no sum: a damaged entry there gives another fingerprint, a cold cache, never a wrong hit.
 * Throws what failed, with the temporary file removed. `contents`: the parts, one after the other, or
 * a function that writes them into the open file (to stream them, never holding them all).
 */
export function writeAtomically(file: string, contents: readonly (Buffer | string)[] | ((fd: number) => void)): void {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(dirname(file), { recursive: true });
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w');
    if (typeof contents === 'function') contents(fd);
    else for (const part of contents) writeAll(fd, typeof part === 'string' ? Buffer.from(part) : part);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Writes all of `bytes` at the file's offset (a write may take fewer). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}
