import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files, bytes and YAML documents under a folder: how the benchmark checks that scenarios which
 * write their own output (cdk8s's app.synth, kubectl kustomize) produced as much as the pipeline.
 * Called after the timed part, so its cost is nobody's measurement.
 */
export function outputStats(root: string): { files: number; bytes: number; objects: number } {
  let files = 0;
  let bytes = 0;
  let objects = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue;
    const text = readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8');
    files++;
    bytes += Buffer.byteLength(text);
    // Every object starts with apiVersion at column 0 (all three writers put it first).
    objects += text.match(/^apiVersion:/gm)?.length ?? 0;
  }
  return { files, bytes, objects };
}
