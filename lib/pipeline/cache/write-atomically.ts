import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `file` whole or not at all: the parts go into a temporary file beside it (`.tmp-`, which
 * the render cache's prune removes when a crash leaves one), are flushed to disk, and the file is
 * renamed over `file`. A reader sees the old file or the new one, and a crash right after the
 * rename leaves the new name over complete blocks, not missing ones. Throws what failed, with the
 * temporary file removed.
 */
export function writeAtomically(file: string, parts: readonly (Buffer | string)[]): void {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(dirname(file), { recursive: true });
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w');
    for (const part of parts) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part;
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
