/**
 * Child entry: `node --require ./lib/internal/register-ts.js bench/fixtures.ts <apps> <seed> <dir> [kustomize]`. Runs
 * the real pipeline once (untimed, everything up to the write) and saves what the scenarios that
 * start from finished output need: the final tree as objects (for the serialization floor), the
 * rendered apps, and, when kubectl will be measured, the equivalent kustomize tree. Done once per
 * fleet size and shared by every run, in a process of its own so its memory is nobody's
 * measurement.
 */
import { join } from 'node:path';
import { render } from '../lib/pipeline/synthesize';
import { generateFleet } from './fleet';
import { writeKustomizeTree } from './kustomize/kustomize-tree';
import { toFinalFiles, toRenderedRecords, writeJsonLines } from './rendered-file';

export const FINAL_FILES = 'final-files.jsonl';
export const RENDERED_APPS = 'rendered-apps.jsonl';
export const KUSTOMIZE_DIR = 'kustomize';

if (require.main === module) {
  const [apps, seed, dir, kustomize] = process.argv.slice(2);
  if (!apps || !seed || !dir) throw new Error('usage: fixtures.ts <apps> <seed> <dir> [kustomize]');
  const fleet = generateFleet({ apps: Number(apps), seed: Number(seed) });
  const { rendered, platform, files } = render({ apps: fleet.apps, environments: fleet.environments, gitops: fleet.gitops });
  writeJsonLines(join(dir, FINAL_FILES), toFinalFiles(files, rendered, platform));
  writeJsonLines(join(dir, RENDERED_APPS), toRenderedRecords(rendered));
  if (kustomize === 'kustomize') writeKustomizeTree(join(dir, KUSTOMIZE_DIR), rendered);
}
