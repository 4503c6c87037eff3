import { GitOpsSettings } from '../model/gitops';
import { PLATFORM_DEFAULTS } from '../environments/platform-defaults';
import { guardDrops } from '../output/gitops-guard';
import { writeTree } from '../output/write-tree';
import { layoutFleet } from './layout-fleet';
import { FleetInput, RenderedApp, renderFleet } from './render-fleet';
import { RenderedPlatformFile, renderPlatform } from './render-platform';

/**
 * A check over the final objects, run after synthesis and before anything is written. It throws
 * a PlatformError to stop the write (schema and policy checks live in lib/policy). `platform`
 * holds the platform's own objects (namespaces, Argo CD Applications).
 */
export type FleetCheck = (rendered: readonly RenderedApp[], platform: readonly RenderedPlatformFile[]) => void;

export interface SynthesizeOptions extends FleetInput {
  /** Checks that must pass before the tree is written. @default - none */
  readonly checks?: readonly FleetCheck[];
  /** The folder to replace with the rendered tree, e.g. 'dist'. */
  readonly outDir: string;
  /** Also copy the tree here (the cdk8s CLI's output folder, read by its validation plugins). @default - none */
  readonly mirrorDir?: string;
  /** Argo CD output and the deletion guard's threshold. @default - no Argo CD objects; guard at 25% */
  readonly gitops?: GitOpsSettings;
  /** Let this synth empty an environment or delete more than the guard allows. @default false */
  readonly allowDrop?: boolean;
}

export interface SynthesisResult {
  readonly rendered: readonly RenderedApp[];
  /** Relative path -> file content, exactly what was written. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * The whole pipeline: resolve, build, synth, check, lay out, guard, and only then write,
 * replacing the old tree in one step. Anything that throws before the write leaves it as it was.
 */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const { files, rendered } = render(options);
  const apps = (env: string) => rendered.filter((r) => r.app.environment === env).length;
  guardDrops(options.outDir, files, options.environments.map((e) => ({ name: e.name, apps: apps(e.name) })), {
    maxDropShare: options.gitops?.maxDropShare ?? PLATFORM_DEFAULTS.gitops.maxDropShare,
    allowDrop: options.allowDrop ?? false,
  });
  writeTree(options.outDir, files);
  if (options.mirrorDir) writeTree(options.mirrorDir, files);
  return { rendered, files };
}

/** Everything up to the write: the files the fleet renders to, checked. Writes nothing. */
export function render(options: FleetInput & Pick<SynthesizeOptions, 'checks' | 'gitops'>): SynthesisResult & { platform: readonly RenderedPlatformFile[] } {
  const rendered = renderFleet(options);
  const platform = renderPlatform(rendered, options.environments, options.gitops);
  for (const check of options.checks ?? []) check(rendered, platform);
  return { rendered, platform, files: layoutFleet(rendered, platform, { gitops: options.gitops, environments: options.environments }) };
}
