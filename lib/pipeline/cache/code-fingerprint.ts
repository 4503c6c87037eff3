import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The libraries whose versions shape the rendered objects, their YAML and the cached check results (the PromQL grammar decides `promql-valid`). */
const SHAPING_PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'yaml', '@prometheus-io/lezer-promql'];

/** The platform's own code as loaded: lib/ and imports/ (the repository's, or the package's build/). */
export const CODE_ROOT = join(__dirname, '..', '..', '..');
export const CODE_DIRS = ['lib', 'imports'];

let cached: string | undefined;

/**
 * A hash of everything in the platform itself that can change what an app renders to: every file
 * of lib/ and imports/ (so any edit to the platform, its defaults or its checks invalidates every
 * entry: coarse, and never wrong) and the versions of the libraries that shape the output. Computed
 * once per process, from the files this process loaded its code from.
 */
export function codeFingerprint(): string {
  if (cached === undefined) {
    const hash = createHash('sha256');
    for (const dir of CODE_DIRS) hashTree(join(CODE_ROOT, dir), dir, hash);
    for (const name of SHAPING_PACKAGES) {
      hash.update(`${name}@${packageVersion(name)}\0`);
    }
    cached = hash.digest('hex');
  }
  return cached;
}

/** A package's version, read from the package.json above its entry (some packages' `exports` do not expose package.json). */
function packageVersion(name: string): string {
  const entry = require.resolve(name);
  const folder = entry.slice(0, entry.lastIndexOf(join('node_modules', name)) + join('node_modules', name).length);
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

function hashTree(dir: string, rel: string, hash: ReturnType<typeof createHash>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // imports/ is absent from some layouts; what is absent cannot change output
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(path, `${rel}/${entry.name}`, hash);
    else if (entry.isFile()) hash.update(`${rel}/${entry.name}\0`).update(readFileSync(path)).update('\0');
  }
}
