import { ResolvedEnvironment } from '../model/resolved-environment';
import { guardDrops } from '../output/gitops-guard';
import { writeTree } from '../output/write-tree';
import { layoutFleet } from './layout-fleet';
import { FleetInput, RenderedApp, renderResolvedFleet, resolveFleetEnvironments } from './render-fleet';
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
  const { files, rendered, environments } = render(options);
  const apps = (env: string) => rendered.filter((r) => r.app.environment === env).length;
  guardDrops(
    options.outDir,
    files,
    environments.map((e) => ({ name: e.name, apps: apps(e.name) })),
    {
      // One gitops export serves every environment; resolution put it on each.
      maxDropShare: environments[0].gitops.maxDropShare,
      allowDrop: options.allowDrop ?? false,
    },
  );
  writeTree(options.outDir, files);
  if (options.mirrorDir) writeTree(options.mirrorDir, files);
  // Only a synth that passed every check and wrote its tree fills the cache.
  options.cache?.store(files);
  options.cache?.prune();
  return { rendered, files };
}

/** Everything up to the write: the files the fleet renders to, checked. Writes nothing. */
export function render(
  options: FleetInput & Pick<SynthesizeOptions, 'checks'>,
): SynthesisResult & { platform: readonly RenderedPlatformFile[]; environments: readonly ResolvedEnvironment[] } {
  const environments = resolveFleetEnvironments(options.environments, options.gitops);
  const rendered = renderResolvedFleet({ apps: options.apps, environments, releases: options.releases, cache: options.cache });
  const platform = renderPlatform(rendered, environments);
  for (const check of options.checks ?? []) check(rendered, platform);
  return { rendered, platform, environments, files: layoutFleet(rendered, platform, { gitops: environments[0].gitops.argocd }, options.cache) };
}
