import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';

/**
 * Replaces `outDir` with exactly `files` (relative path -> content), all or nothing: the new tree
 * is written completely beside the old one, then swapped in with two renames. Files with no
 * source any more disappear; a failure before the swap leaves the old tree untouched.
 */
export function writeTree(outDir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  for (const path of files.keys()) checkRelative(path);

  const staging = mkdtempSync(join(parent, `.${basename(target)}-new-`));
  try {
    for (const path of [...files.keys()].sort()) {
      const file = join(staging, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, files.get(path)!);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  // Only the folder's own name changes: the parent path may itself contain '-new-'.
  const retired = join(parent, basename(staging).replace('-new-', '-old-'));
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, retired);
  try {
    renameSync(staging, target);
  } catch (error) {
    if (hadOld) renameSync(retired, target);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadOld) rmSync(retired, { recursive: true, force: true });
}

function checkRelative(path: string): void {
  const clean = normalize(path);
  if (isAbsolute(path) || clean.startsWith('..') || clean.split(sep).includes('..') || clean !== path) {
    throw new Error(`bug: output path '${path}' is not a clean relative path`);
  }
}
