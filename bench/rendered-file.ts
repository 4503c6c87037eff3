import { closeSync, openSync, writeSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { canonicalize } from '../lib/output/canonical';
import { appFilePath } from '../lib/output/layout';
import { Manifest } from '../lib/manifest/manifest';
import { sortManifests } from '../lib/output/order';
import { generatedHeader } from '../lib/output/render-yaml';
import { RenderedApp } from '../lib/pipeline/render-fleet';
import { RenderedPlatformFile } from '../lib/pipeline/render-platform';

/**
 * What the fixtures step saves for the scenarios that start from the pipeline's output, as JSON
 * Lines (one record per line keeps every string far below V8's maximum string length):
 * - the rendered apps (resolved app + objects), from which the kustomize tree is derived;
 * - the final tree, file by file, as parsed objects, which the serialization floor writes again.
 */

/** One file of the final tree: its header comment and its YAML documents as plain objects. */
export interface FinalFile {
  readonly path: string;
  readonly header: string;
  /** True for multi-document files (`---` before every document), false for a single document. */
  readonly separated: boolean;
  readonly documents: readonly unknown[];
}

export function writeJsonLines(path: string, records: Iterable<unknown>): void {
  const fd = openSync(path, 'w');
  try {
    for (const record of records) writeSync(fd, `${JSON.stringify(record)}\n`);
  } finally {
    closeSync(fd);
  }
}

export function toRenderedRecords(rendered: readonly RenderedApp[]): Iterable<RenderedApp> {
  return rendered.map((r) => ({ app: r.app, manifests: r.manifests }));
}

/**
 * The pipeline's final tree as objects, file by file, in the order and with the keys the files
 * have. App and platform files come straight from their objects, ordered as render-yaml.ts
 * orders them (parsing 60 MB of YAML back would take longer than rendering it); the few other
 * files (kustomization.yaml...) are parsed back. test/bench checks the bytes round-trip.
 */
export function* toFinalFiles(
  files: ReadonlyMap<string, string>,
  rendered: readonly RenderedApp[],
  platform: readonly RenderedPlatformFile[],
): Iterable<FinalFile> {
  const sources = new Map<string, { source: string; manifests: readonly Manifest[] }>();
  for (const r of rendered) sources.set(appFilePath(r.app), { source: r.app.source, manifests: r.manifests });
  for (const f of platform) sources.set(f.path, f);
  for (const [path, content] of files) {
    const known = sources.get(path);
    if (known) {
      yield { path, header: generatedHeader(known.source), separated: true, documents: sortManifests(known.manifests).map(canonicalize) };
      continue;
    }
    const header = content.startsWith('#') ? content.slice(0, content.indexOf('\n') + 1) : '';
    const body = content.slice(header.length);
    yield { path, header, separated: body.startsWith('---\n'), documents: parseAllDocuments(body).map((d) => d.toJS() as unknown) };
  }
}
