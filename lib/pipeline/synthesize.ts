import { mergeAcrossEnvironments, Problems, ValidationError } from '../internal/errors';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp } from '../model/resolved-app';
import { YamlEmitter } from '../output/emit-yaml';
import { GuardedEnvironment, guardObjectDrops, readTree, TreeObjectIds } from '../output/gitops-guard';
import { StagedTree } from '../output/write-tree';
import { appFilePath } from '../output/layout';
import { checkUniqueObjects } from './fleet-checks';
import { catalogFiles } from '../catalog/catalog-files';
import { isAggregate, kustomizationFiles, layoutFiles } from './layout-fleet';
import { FleetInput, RenderedApp, ResolvedFleetInput, resolveAppsIn, resolveFleetApps, resolveFleetEnvironments, startRenderEach } from './render-fleet';
import { RenderedPlatformFile, renderPlatform } from './render-platform';
import { withBoundedHeapGrowth } from './bounded-heap';
import { checkShard, inShard, ownedByShard, Shard } from './shard';

/**
 * A check over the final objects, run after synthesis and before anything is written. It throws
 * a PlatformError to stop the write (schema and policy checks live in lib/policy). `platform`
 * holds the platform's own objects (namespaces, Argo CD Applications). With `byEnvironment`, a
 * synth runs it one environment at a time and holds one environment's objects at once; without,
 * it keeps every object until the check has run over them all.
 */
export type FleetCheck = ((rendered: readonly RenderedApp[], platform: readonly RenderedPlatformFile[]) => void) & {
  /** The same check an environment at a time; `environments`: every one it will be given, in order. */
  readonly byEnvironment?: (environments: readonly string[]) => EnvironmentCheck;
};

/** A `FleetCheck` run an environment at a time: what it finds is kept until `finish`. */
export interface EnvironmentCheck {
  /** Checks one environment's objects; false when the check failed (here or before), so the checks after it need not run. */
  check(rendered: readonly RenderedApp[], platform: readonly RenderedPlatformFile[]): boolean;
  /** Throws what the check over every environment at once would have thrown (and reports as it would have). */
  finish(): void;
}

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
  /** From this many app renderings on, environments after the first are resolved again rather than held (tests). @default 5,000 */
  readonly resolveAgainFrom?: number;
}

export interface SynthesisResult {
  /** App renderings made or taken from the cache (apps x environments, or the shard's share). */
  readonly renderings: number;
  /** Relative path -> size in bytes of every file written, sorted by path. */
  readonly files: ReadonlyMap<string, number>;
}

/**
 * The whole pipeline: resolve, build, synth, check, lay out, guard, and only then write,
 * replacing the old tree in one step. One environment is rendered, checked and laid out at a
 * time, its files written to the new tree beside the old one and its objects dropped, so memory
 * follows the largest environment, not the fleet. Anything that throws before the swap leaves the
 * old tree as it was. With a shard, only its share is rendered and the rest of the tree is kept
 * as it is on disk.
 */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  return withBoundedHeapGrowth(options.apps.length * options.environments.length, () => synthesizeTree(options));
}

function synthesizeTree(options: SynthesizeOptions): SynthesisResult {
  const trees = [options.outDir, ...(options.mirrorDir ? [options.mirrorDir] : [])].map((dir) => new StagedTree(dir));
  const objects = new TreeObjectIds();
  const sizes: [string, number][] = [];
  let done: ReturnType<typeof renderInParts>;
  try {
    // The render cache stores an environment's renderings once it passed its checks and is in the new tree: they
    // are content-addressed, so a later failure leaves only right entries, and a synth holds one environment's, not all.
    const written = options.cache && (() => options.cache!.store({ get: (path: string) => trees[0].written(path) }));
    done = renderInParts(options, { kept: options.shard && keptOf(options.outDir, options.shard), written }, (path, text) => {
      // The guard reads again only the old files that the output folder's tree did not link unchanged.
      const [unchanged] = trees.map((tree) => tree.add(path, text));
      objects.add(path, text, unchanged);
      sizes.push([path, Buffer.byteLength(text)]);
    });
    guardObjectDrops(
      options.outDir,
      objects,
      done.guarded,
      // One gitops export serves every environment; resolution put it on each.
      { maxDropShare: done.environments[0].gitops.maxDropShare, allowDrop: options.allowDrop ?? false },
    );
  } catch (error) {
    for (const tree of trees) tree.discard();
    throw error;
  }
  try {
    for (const tree of trees) tree.commit();
  } catch (error) {
    // The mirror's staged copy must not outlive a failed swap of the output folder.
    for (const tree of trees) tree.discard();
    throw error;
  }
  options.cache?.prune();
  return { renderings: done.renderings, files: new Map(sizes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

type Rendering = {
  readonly rendered: readonly RenderedApp[];
  /** Relative path -> file content, sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  readonly platform: readonly RenderedPlatformFile[];
  readonly environments: readonly ResolvedEnvironment[];
  /** Every app of the fleet, resolved (rendered or not). */
  readonly apps: readonly ResolvedApp[];
};

/**
 * Everything up to the write, in memory: the files the fleet renders to, checked, and what they
 * were made of. Writes nothing. `synthesize` holds less: an environment at a time.
 */
export function render(options: FleetInput & Pick<SynthesizeOptions, 'checks' | 'now'>): Rendering {
  const files = new Map<string, string>();
  const { rendered, platform, environments, apps } = renderInParts(options, { keep: true }, (path, text) => files.set(path, text));
  return { rendered, platform, environments, apps, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** One environment's share of a synth, in the order one check over the whole fleet meets them. */
interface Part {
  readonly environment: ResolvedEnvironment;
  /** All its apps, resolved (the shard's among them are rendered); unset: resolved again when rendered. */
  apps?: readonly ResolvedApp[];
  /** Its platform files, when rendered ahead (an environment with no apps to render). */
  readonly platform?: readonly RenderedPlatformFile[];
}

interface PartsOptions {
  /** Keep every rendering and platform file for the result (`render`), not only one environment's. */
  readonly keep?: boolean;
  /** Files of an earlier tree that a shard's synth keeps, written first. */
  readonly kept?: ReadonlyMap<string, string>;
  /** Called when an environment passed its checks and its files were handed to `write`. */
  readonly written?: () => void;
}

/**
 * Resolves the whole fleet (so names, hosts, quotas and NetworkPolicy peers are checked and right
 * across environments and teams), then renders, checks and lays out one environment at a time,
 * handing every file to `write` as soon as it is laid out, then the kustomizations and the
 * catalog; throws what the checks found only once every environment was checked, so the problems
 * and the report are those of one pass over the fleet. With a shard, only its apps are built and
 * checked, and only the platform files it owns.
 *
 * No rule or check reads across environments: the policy pack's rules read one object or one
 * environment's objects, object clashes are per environment, and what looks across environments
 * (names, hosts, quotas, the waivers' vocabulary, the deletion guard, the catalog) reads the
 * resolved apps, which are kept whole.
 */
function renderInParts(
  options: FleetInput & Pick<SynthesizeOptions, 'checks' | 'now' | 'shard' | 'resolveAgainFrom'>,
  parts: PartsOptions,
  write: (path: string, text: string) => void,
): Rendering & { renderings: number; guarded: GuardedEnvironment[] } {
  const { shard } = options;
  if (shard) checkShard(shard, options.environments, options.apps);
  const environments = resolveFleetEnvironments(options.environments, options.gitops);
  const input = { ...options, environments };
  const checks = options.checks ?? [];
  const keep = parts.keep === true || checks.some((check) => check.byEnvironment === undefined);
  // The catalog is written first: it is made from every app of every environment, held only until then.
  const { plan, guarded, apps } = planParts(input, keep, write);
  const perEnvironment = checks.map((check) => check.byEnvironment?.(plan.map((p) => p.environment.name)));
  // Checks from this index on are not run: one before them failed, and one pass would stop there.
  let skipFrom = checks.length;
  let failed = false;
  const renderProblems = new Problems();
  const clashes = new Problems();
  const allRendered: RenderedApp[] = [];
  const allPlatform: RenderedPlatformFile[] = [];
  const paths: string[] = [];
  const out = (path: string, text: string) => {
    paths.push(path);
    write(path, text);
  };
  for (const [path, text] of parts.kept ?? []) out(path, text);
  let renderings = 0;
  // With worker threads, the next environment goes to them before this one is checked, laid out and
  // written here, so they need not wait for this thread (its renderings arrive meanwhile: two
  // environments are held at once).
  const ahead = (options.parallel?.jobs ?? 1) > 1;
  const start = (part: Part) => {
    const own = part.apps ?? resolveAgain(part.environment, input);
    // Dropped as soon as the environment is done: the plan outlives it.
    part.apps = undefined;
    return { own, finish: startRenderEach(shard ? own.filter((a) => inShard(shard, a)) : own, input, (app, text) => out(appFilePath(app), text)) };
  };
  let next: ReturnType<typeof start> | undefined;
  // A function, not the loop's body: the interpreter kept a loop body's last objects in its frame
  // while it rendered the next environment, holding two environments' objects at once.
  const renderPart = (k: number): void => {
    const part = plan[k];
    const { own, finish } = next ?? start(part);
    const rendered = finish(renderProblems);
    next = ahead && k + 1 < plan.length ? start(plan[k + 1]) : undefined;
    const platform = part.platform ?? platformFiles(part.environment, own, options);
    renderings += rendered.length;
    checkUniqueObjects(rendered, clashes);
    // A problem fails the synth before any check: checking further would be wasted.
    if (renderProblems.size > 0 || clashes.size > 0) return;
    for (let i = 0; i < skipFrom; i++) {
      if (perEnvironment[i]?.check(rendered, platform) === false) {
        skipFrom = i + 1;
        failed = true;
      }
    }
    if (keep) {
      allRendered.push(...rendered);
      allPlatform.push(...platform);
    }
    layoutFiles(rendered, platform, () => new YamlEmitter(), options.cache, out);
    if (!failed) parts.written?.();
  };
  for (let k = 0; k < plan.length; k++) renderPart(k);
  if (renderProblems.size > 0 || clashes.size > 0) throw new ValidationError(mergeAcrossEnvironments([...renderProblems.all, ...clashes.all]));
  checks.forEach((check, i) => (perEnvironment[i] ? perEnvironment[i].finish() : check(allRendered, allPlatform)));
  for (const [path, text] of kustomizationFiles(paths, new YamlEmitter())) out(path, text);
  return { rendered: allRendered, platform: allPlatform, environments, apps: apps ?? [], files: new Map(), renderings, guarded };
}

/**
 * Resolves the whole fleet (so names, hosts, quotas and NetworkPolicy peers are checked and right
 * across environments and teams), writes the catalog, which reads every environment of every
 * app, and plans the environments' parts. The resolved apps are then dropped but the first
 * part's (all of them with `keep`, or in a fleet of fewer than RESOLVE_AGAIN_FROM app
 * renderings): the others are resolved again when their part is rendered, which costs a fraction
 * of rendering them and saves holding every environment's apps at once.
 */
function planParts(
  input: ResolvedFleetInput & Pick<SynthesizeOptions, 'now' | 'shard' | 'resolveAgainFrom'>,
  keep: boolean,
  write: (path: string, text: string) => void,
): { plan: Part[]; guarded: GuardedEnvironment[]; apps?: readonly ResolvedApp[] } {
  const apps = resolveFleetApps(input);
  // Written now, not with the renderings: they are content-addressed by their inputs, so a later failure leaves only
  // right entries, and the bytes of every environment's resolutions are not held while the environments render.
  input.cache?.storeResolutions();
  const small = apps.length < (input.resolveAgainFrom ?? RESOLVE_AGAIN_FROM);
  const catalog = { gitops: input.environments[0].gitops.argocd };
  for (const [path, text] of catalogFiles(apps, catalog, new YamlEmitter(), input.cache?.catalog)) write(path, text);
  const withApps: Part[] = [];
  const platformOnly: Part[] = [];
  const guarded: GuardedEnvironment[] = [];
  for (const environment of input.environments) {
    const own = apps.filter((a) => a.environment === environment.name);
    guarded.push({ name: environment.name, apps: own.length });
    // The environments in the order one check over the fleet meets them: those with apps to render
    // (in the environments' order, as resolution lists the apps), then those with platform files only.
    if (own.length > 0 && (!input.shard || own.some((a) => inShard(input.shard!, a)))) {
      withApps.push({ environment, apps: keep || small || withApps.length === 0 ? own : undefined });
    } else {
      const platform = platformFiles(environment, own, input);
      if (platform.length > 0) platformOnly.push({ environment, apps: [], platform });
    }
  }
  return { plan: [...withApps, ...platformOnly], guarded, ...(keep ? { apps } : {}) };
}

/**
 * From this many app renderings (apps x environments) on, environments after the first are
 * resolved again rather than held: below it, holding them costs tens of MiB, while resolving them
 * again was a tenth of a warm one-app-change synth's CPU at 1,000 apps x 3 environments.
 */
const RESOLVE_AGAIN_FROM = 5_000;

/** One environment's apps as `resolveFleetApps` resolved them: its inputs passed every check there. */
function resolveAgain(environment: ResolvedEnvironment, input: ResolvedFleetInput): ResolvedApp[] {
  const problems = new Problems();
  const apps = resolveAppsIn(environment, input, problems);
  if (problems.size > 0) throw new Error(`bug: environment '${environment.name}' resolved with problems the second time: ${problems.all[0].message}`);
  return apps;
}

/** The platform's files of an environment (namespaces, Argo CD Applications), those of the shard's share with a shard. */
function platformFiles(
  environment: ResolvedEnvironment,
  own: readonly ResolvedApp[],
  options: Pick<SynthesizeOptions, 'now' | 'shard' | 'dataStores' | 'cache'>,
): RenderedPlatformFile[] {
  const { shard } = options;
  const files = renderPlatform(
    own.map((app) => ({ app })),
    [environment],
    // A shard writes only its share of them: the whole set is kept by a synth of every environment's.
    { now: options.now, dataStores: options.dataStores, cache: shard ? undefined : options.cache },
  );
  return shard ? files.filter((f) => ownedByShard(shard, f.path)) : files;
}

/** The files of the tree in `outDir` that a synth of `shard` keeps as they are. */
function keptOf(outDir: string, shard: Shard): Map<string, string> {
  return new Map([...readTree(outDir, '')].filter(([path]) => !ownedByShard(shard, path) && !isAggregate(path)));
}
