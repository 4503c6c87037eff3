import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp } from '../model/resolved-app';
import { guardDrops, readTree } from '../output/gitops-guard';
import { writeTree } from '../output/write-tree';
import { isAggregate, layoutFleet, layoutOnto } from './layout-fleet';
import { FleetInput, RenderedApp, renderResolvedApps, resolveFleetApps, resolveFleetEnvironments } from './render-fleet';
import { RenderedPlatformFile, renderPlatform } from './render-platform';
import { checkShard, inShard, ownedByShard, Shard } from './shard';

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
  /** The moment waivers expire against in the admission exceptions (the checks get their own). @default - now */
  readonly now?: Date;
  /** Render and replace only this environment's or team's share of the tree. @default - the whole fleet */
  readonly shard?: Shard;
}

export interface SynthesisResult {
  readonly rendered: readonly RenderedApp[];
  /** Relative path -> file content, exactly what was written. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * The whole pipeline: resolve, build, synth, check, lay out, guard, and only then write,
 * replacing the old tree in one step. Anything that throws before the write leaves it as it was.
 * With a shard, only its share is rendered and the rest of the tree is kept as it is on disk.
 */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const { files, rendered, environments, apps } = options.shard ? renderShard(options, options.shard) : render(options);
  const count = (env: string) => apps.filter((a) => a.environment === env).length;
  guardDrops(
    options.outDir,
    files,
    environments.map((e) => ({ name: e.name, apps: count(e.name) })),
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

type Rendering = SynthesisResult & {
  platform: readonly RenderedPlatformFile[];
  environments: readonly ResolvedEnvironment[];
  /** Every app of the fleet, resolved (rendered or not). */
  apps: readonly ResolvedApp[];
};

/** Everything up to the write: the files the fleet renders to, checked. Writes nothing. */
export function render(options: FleetInput & Pick<SynthesizeOptions, 'checks' | 'now'>): Rendering {
  const environments = resolveFleetEnvironments(options.environments, options.gitops);
  const input = {
    apps: options.apps,
    dataStores: options.dataStores,
    environments,
    releases: options.releases,
    cache: options.cache,
    parallel: options.parallel,
  };
  const apps = resolveFleetApps(input);
  const rendered = renderResolvedApps(apps, input);
  const platform = renderPlatform(
    apps.map((app) => ({ app })),
    environments,
    { now: options.now, dataStores: options.dataStores },
  );
  for (const check of options.checks ?? []) check(rendered, platform);
  return { rendered, platform, environments, apps, files: layoutFleet(rendered, platform, { gitops: environments[0].gitops.argocd }, options.cache) };
}

/**
 * `render` of one shard onto the tree in `outDir`: the whole fleet is resolved (so names, hosts,
 * quotas and NetworkPolicy peers are checked and right across environments and teams), only the
 * shard's apps are built and checked, and the files the shard does not own are kept as they are.
 */
function renderShard(options: SynthesizeOptions, shard: Shard): Rendering {
  checkShard(shard, options.environments, options.apps);
  const environments = resolveFleetEnvironments(options.environments, options.gitops);
  const input = {
    apps: options.apps,
    dataStores: options.dataStores,
    environments,
    releases: options.releases,
    cache: options.cache,
    parallel: options.parallel,
  };
  const apps = resolveFleetApps(input);
  const rendered = renderResolvedApps(
    apps.filter((a) => inShard(shard, a)),
    input,
  );
  const platform = renderPlatform(
    apps.map((app) => ({ app })),
    environments,
    { now: options.now, dataStores: options.dataStores },
  ).filter((f) => ownedByShard(shard, f.path));
  for (const check of options.checks ?? []) check(rendered, platform);
  const kept = new Map([...readTree(options.outDir, '')].filter(([path]) => !ownedByShard(shard, path) && !isAggregate(path)));
  const files = layoutOnto(kept, rendered, platform, apps, { gitops: environments[0].gitops.argocd }, options.cache);
  return { rendered, platform, environments, apps, files };
}
