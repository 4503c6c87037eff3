import { mergeAcrossEnvironments, Problems, ValidationError } from '../internal/errors';
import { AppDefinition, SourcedApp } from '../model/app-definition';
import { Environment } from '../model/environment';
import { GitOpsSettings } from '../model/gitops';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp } from '../model/resolved-app';
import { Release } from '../environments/resolve-image';
import { resolveEnvironmentApps } from '../environments/resolve-environment-apps';
import { resolveEnvironments } from '../environments/resolve-environment';
import { Manifest } from '../manifest/manifest';
import { compactCopy } from '../manifest/compact-copy';
import { checkDefinitionKeys } from '../environments/check-definition-keys';
import { Customization } from '../model/customize';
import { RenderCache } from './cache/render-cache';
import type { AppRendering, renderForFleet } from './render-app';
import type { PreparedApp } from './prepare-app';
import type { ParallelOptions, startInWorkers, useWorkers } from './render-in-workers';
import { checkQuota } from './check-quota';
import { checkEnvironments, checkOverrideNames, checkUniqueApps, checkUniqueDataStores, checkUniqueHosts, checkUniqueObjects } from './fleet-checks';
import { SourcedDataStore } from '../model/data-store-definition';
import { ObjectResults } from '../policy/object-results';

/** Looks up the release (image pin) of a team's app in an environment. */
export type ReleaseLookup = (team: string, app: string, environment: string) => Release | undefined;

export interface FleetInput {
  readonly apps: readonly SourcedApp[];
  /** Shared data stores (`dataStore({...})` in the team folders). @default - none */
  readonly dataStores?: readonly SourcedDataStore[];
  readonly environments: readonly Environment[];
  /** The `gitops` export of apps/environments.ts. @default - no Argo CD objects; guard at 25% */
  readonly gitops?: GitOpsSettings;
  /** @default - no releases: images use the definition's own tag or digest */
  readonly releases?: ReleaseLookup;
  /** Renderings of earlier runs, reused where the inputs are the same. @default - every app is rendered */
  readonly cache?: RenderCache;
  /** Render in worker threads when there are many renderings to do. @default - serial */
  readonly parallel?: ParallelOptions;
}

/** The fleet with its environments already resolved (`resolveFleetEnvironments`). */
export interface ResolvedFleetInput {
  readonly apps: readonly SourcedApp[];
  /** @default - none */
  readonly dataStores?: readonly SourcedDataStore[];
  readonly environments: readonly ResolvedEnvironment[];
  /** @default - no releases: images use the definition's own tag or digest */
  readonly releases?: ReleaseLookup;
  /** @default - every app is rendered */
  readonly cache?: RenderCache;
  /** @default - serial */
  readonly parallel?: ParallelOptions;
}

/** One app in one environment after synthesis. */
export interface RenderedApp {
  readonly app: ResolvedApp;
  readonly manifests: readonly Manifest[];
  /** What the app's escape hatches changed here; absent when it has none. */
  readonly customization?: Customization;
  /** The app's file, emitted where it was rendered (a worker thread, `prepareApp`). @default - emitted by layout */
  readonly text?: string;
  /** Its file (`text`) was handed to the synth's writer as it came (`startRenderEach`'s `emitted`): layout skips it. */
  readonly written?: true;
  /** What the schema and object rules found in its objects there. @default - found by the checks */
  readonly results?: ObjectResults;
}

/**
 * The environments of apps/environments.ts, each checked and resolved once (with the project's
 * GitOps settings): every problem of every environment is thrown together.
 */
export function resolveFleetEnvironments(environments: readonly Environment[], gitops?: GitOpsSettings): ResolvedEnvironment[] {
  const problems = new Problems();
  checkEnvironments(environments, problems);
  const resolved = resolveEnvironments(environments, gitops, problems);
  problems.throwIfAny();
  return resolved;
}

/**
 * Resolve and build every app in every environment and synthesize it to plain objects. Problems
 * from all apps are gathered and thrown together, before anything is built.
 */
export function renderFleet(input: FleetInput): RenderedApp[] {
  return renderResolvedFleet({ ...input, environments: resolveFleetEnvironments(input.environments, input.gitops) });
}

/** `renderFleet` for environments resolved already. */
export function renderResolvedFleet(input: ResolvedFleetInput): RenderedApp[] {
  return renderResolvedApps(resolveFleetApps(input), input);
}

/**
 * Every app resolved in every environment, with the checks that look across apps (names, hosts,
 * quotas): cheap next to rendering, so a synth of one environment or team still runs them over
 * the whole fleet. Problems from all apps are thrown together.
 */
export function resolveFleetApps(input: Pick<ResolvedFleetInput, 'apps' | 'dataStores' | 'environments' | 'releases' | 'cache'>): ResolvedApp[] {
  const problems = new Problems();
  checkOverrideNames(input.apps, input.environments, problems);
  checkDefinitionKeys([...input.apps, ...(input.dataStores ?? [])], problems);
  checkUniqueDataStores(input.apps, input.dataStores ?? [], input.environments, problems);
  problems.throwIfAny();

  const ordered = orderedApps(input.apps);
  const resolved: ResolvedApp[] = [];
  for (const env of input.environments) resolved.push(...resolveAppsIn(env, input, problems, ordered));
  checkUniqueApps(resolved, problems);
  checkUniqueHosts(resolved, problems);
  checkQuota(resolved, input.environments, problems);
  if (problems.size > 0) throw new ValidationError(mergeAcrossEnvironments(problems.all));
  return resolved;
}

/**
 * One environment's share of `resolveFleetApps`, the same apps in the same order, without the
 * checks across apps: a synth resolves each environment again when it renders it, rather than
 * hold every environment's apps until the end.
 */
export function resolveAppsIn(
  env: ResolvedEnvironment,
  input: Pick<ResolvedFleetInput, 'apps' | 'dataStores' | 'releases' | 'cache'>,
  problems: Problems,
  ordered: readonly SourcedApp[] = orderedApps(input.apps),
): ResolvedApp[] {
  // Apps whose definition, environment and release are unchanged since an earlier synth are read back, not resolved again.
  const memo = input.cache?.resolutions(input.apps);
  return resolveEnvironmentApps(ordered, env, (app) => input.releases?.(app.definition.team, app.definition.name, env.name), problems, input.dataStores, memo);
}

function orderedApps(apps: readonly SourcedApp[]): SourcedApp[] {
  return [...apps].sort(
    (a, b) => compare(a.definition.team, b.definition.team) || compare(a.definition.name, b.definition.name) || compare(a.source, b.source),
  );
}

/** Builds and synthesizes the given resolved apps (all, or one environment's or team's share). */
export function renderResolvedApps(resolved: readonly ResolvedApp[], input: ResolvedFleetInput): RenderedApp[] {
  const problems = new Problems();
  const all = renderEach(resolved, input, problems);
  checkUniqueObjects(all, problems);
  if (problems.size > 0) throw new ValidationError(mergeAcrossEnvironments(problems.all));
  return all;
}

/** `renderResolvedApps` without the check for clashing objects, adding its problems to `problems` instead of throwing. */
export function renderEach(resolved: readonly ResolvedApp[], input: ResolvedFleetInput, problems: Problems): RenderedApp[] {
  return startRenderEach(resolved, input)(problems);
}

/**
 * `renderEach` in two steps, for a caller with other work to do meanwhile: the cache is read and
 * the workers (if any) start on the misses now; the function returned renders the rest and joins them.
 */
export function startRenderEach(
  resolved: readonly ResolvedApp[],
  input: ResolvedFleetInput,
  emitted?: (app: ResolvedApp, text: string) => void,
): (problems: Problems) => RenderedApp[] {
  const definitions = new Map(input.apps.map((a) => [a.source, a.definition]));
  const sources = new Map<object, string>(input.apps.map((a) => [a.definition, a.source]));
  const environments = new Map(input.environments.map((e) => [e.name, e]));
  const { cache } = input;
  // Cache hits are decided here; only the misses are rendered, in worker threads when there are many.
  const keys = resolved.map((app) => cache?.keys.keyOf(app, environments.get(app.environment)!, definitions.get(app.source), sources));
  const rendered: (RenderedApp | undefined)[] = resolved.map((app, i) => {
    const hit = keys[i] === undefined ? undefined : cache!.get(keys[i], app);
    return hit ? { app, ...hit } : undefined;
  });
  const misses = resolved.filter((_, i) => rendered[i] === undefined);
  const pending = misses.length === 0 ? undefined : startMisses(misses, definitions, input.parallel);
  return (problems) => {
    const renderings = pending ? pending(problems) : [];
    let next = 0;
    resolved.forEach((app, i) => {
      if (rendered[i] !== undefined) return;
      const { text, ...rendering } = renderings[next++];
      let result: RenderedApp;
      if (text !== undefined && emitted) {
        // Handed on now rather than held in the rendering through the environment's checks and layout (prod's files: 230 MB at 10,000 apps).
        emitted(app, text);
        result = { app, ...rendering, written: true };
      } else {
        result = { app, ...rendering, ...(text === undefined ? {} : { text }) };
      }
      if (keys[i] !== undefined) cache!.rendered(keys[i], app, rendering);
      // What a worker found in the objects is stored with the rendering, as the checks' own findings are.
      if (keys[i] !== undefined && result.results) cache!.remember(result.manifests, result.results);
      rendered[i] = result;
    });
    return rendered as RenderedApp[];
  };
}

/**
 * Starts the apps the cache did not have on the workers, or returns the serial render. What builds them (cdk8s, cdk8s-plus-28,
 * the CRD imports) is loaded here, on the first miss: a run whose every rendering is a hit never
 * loads it (README, "Start-up").
 */
function startMisses(
  misses: readonly ResolvedApp[],
  definitions: ReadonlyMap<string, AppDefinition>,
  parallel: ParallelOptions | undefined,
): (problems: Problems) => (AppRendering & Partial<PreparedApp>)[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const workers = require('./render-in-workers') as { startInWorkers: typeof startInWorkers; useWorkers: typeof useWorkers };
  const serial = require('./render-app') as { renderForFleet: typeof renderForFleet };
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (workers.useWorkers(misses.length, parallel)) {
    const pending = workers.startInWorkers(misses, (app) => definitions.get(app.source), parallel!);
    return (problems) => pending.finish(problems);
  }
  // Copied into tighter objects (`compactCopy`): an environment's renderings are held until it is checked and laid out.
  // (A worker's come back as JSON, parsed here: tight already.)
  return (problems) =>
    misses.map((app) => {
      const rendering = serial.renderForFleet(app, definitions.get(app.source), problems);
      return { ...rendering, manifests: compactCopy(rendering.manifests) };
    });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
