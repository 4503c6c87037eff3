import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from './write-atomically';

/** The libraries whose versions shape the rendered objects, their YAML and the cached check results (the PromQL grammar decides `promql-valid`). */
const SHAPING_PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'yaml', '@prometheus-io/lezer-promql'];

/** The platform's own code as loaded: lib/ and imports/ (the repository's, or the package's build/). */
export const CODE_ROOT = join(__dirname, '..', '..', '..');
export const CODE_DIRS = ['lib', 'imports'];
/** A file modified this recently may change again within its timestamp's resolution: its hash is not memoised. */
const RACY_MS = 2000;

/** Each file's sha256 by its path, with the stat it was read under: `[size, mtimeMs, ctimeMs, ino, sha256]`. */
type FileHashes = Record<string, [number, number, number, number, string]>;

let cached: string | undefined;

/**
 * A hash of everything in the platform itself that can change what an app renders to: every file
 * of lib/ and imports/ (so any edit to the platform, its defaults or its checks invalidates every
 * entry: coarse, and never wrong) and the versions of the libraries that shape the output. Computed
 * once per process, from the files this process loaded its code from. With `memoFile`, each file's
 * hash is kept there under its size, modification and change times and inode, so a run reads
 * only the files that changed (6 MB hashed on every run otherwise).
 */
export function codeFingerprint(memoFile?: string): string {
  cached ??= fingerprintTree(CODE_ROOT, CODE_DIRS, memoFile);
  return cached;
}

/** `codeFingerprint` of the files under `dirs` of `root` (exported for its tests). */
export function fingerprintTree(root: string, dirs: readonly string[], memoFile?: string, now = Date.now()): string {
  const memo = memoFile === undefined ? {} : readMemo(memoFile);
  const next: FileHashes = {};
  let changed = false;
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const rel of filesOf(join(root, dir), dir)) {
      const path = join(root, rel);
      const { size, mtimeMs, ctimeMs, ino } = statSync(path);
      const known = memo[rel];
      let sum: string;
      if (known && known[0] === size && known[1] === mtimeMs && known[2] === ctimeMs && known[3] === ino) sum = known[4];
      else {
        sum = createHash('sha256').update(readFileSync(path)).digest('hex');
        changed = true;
      }
      if (now - mtimeMs > RACY_MS) next[rel] = [size, mtimeMs, ctimeMs, ino, sum];
      else changed = true;
      hash.update(`${rel}\0${sum}\0`);
    }
  }
  for (const name of SHAPING_PACKAGES) hash.update(`${name}@${packageVersion(name)}\0`);
  if (memoFile !== undefined && (changed || Object.keys(memo).length !== Object.keys(next).length)) writeMemo(memoFile, next);
  return hash.digest('hex');
}

/** Every file under `dir`, as `rel/...` paths, in name order. */
function filesOf(dir: string, rel: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // imports/ is absent from some layouts; what is absent cannot change output
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory()) out.push(...filesOf(join(dir, entry.name), `${rel}/${entry.name}`));
    else if (entry.isFile()) out.push(`${rel}/${entry.name}`);
  }
  return out;
}

function readMemo(file: string): FileHashes {
  try {
    const memo = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return memo !== null && typeof memo === 'object' && !Array.isArray(memo) ? (memo as FileHashes) : {};
  } catch {
    return {}; // none yet, or damaged: every file is read
  }
}

/** Written whole or not at all; a folder that cannot be written only costs the memo. */
function writeMemo(file: string, memo: FileHashes): void {
  try {
    writeAtomically(file, [JSON.stringify(memo)]);
  } catch {
    // the next run hashes the files again
  }
}

/** A package's version, read from the package.json above its entry (some packages' `exports` do not expose package.json). */
function packageVersion(name: string): string {
  const entry = require.resolve(name);
  const folder = entry.slice(0, entry.lastIndexOf(join('node_modules', name)) + join('node_modules', name).length);
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}
