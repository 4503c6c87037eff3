import { appFilePath } from '../output/layout';
import { renderManifests } from '../output/render-yaml';
import { writeTree } from '../output/write-tree';
import { FleetInput, RenderedApp, renderFleet } from './render-fleet';

/**
 * A check over the final objects, run after synthesis and before anything is written. It throws
 * a PlatformError to stop the write (schema and policy checks live in lib/policy).
 */
export type FleetCheck = (rendered: readonly RenderedApp[]) => void;

export interface SynthesizeOptions extends FleetInput {
  /** Checks that must pass before the tree is written. @default - none */
  readonly checks?: readonly FleetCheck[];
  /** The folder to replace with the rendered tree, e.g. 'dist'. */
  readonly outDir: string;
  /** Also copy the tree here (the cdk8s CLI's output folder, read by its validation plugins). @default - none */
  readonly mirrorDir?: string;
}

export interface SynthesisResult {
  readonly rendered: readonly RenderedApp[];
  /** Relative path -> file content, exactly what was written. */
  readonly files: ReadonlyMap<string, string>;
}

/** Lays the rendered fleet out as files. Pure: the same input gives the same bytes. */
export function layoutFleet(rendered: readonly RenderedApp[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const { app, manifests } of rendered) {
    files.set(appFilePath(app), renderManifests(app.source, manifests));
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The whole pipeline: resolve, build, synth, lay out, and only then write, replacing the old
 * tree in one step. Anything that throws before the write leaves the old tree as it was.
 */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const rendered = renderFleet(options);
  for (const check of options.checks ?? []) check(rendered);
  const files = layoutFleet(rendered);
  writeTree(options.outDir, files);
  if (options.mirrorDir) writeTree(options.mirrorDir, files);
  return { rendered, files };
}
