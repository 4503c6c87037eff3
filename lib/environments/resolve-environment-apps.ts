import { Problems, ValidationError } from '../internal/errors';
import { AppDefinition, SourcedApp } from '../model/app-definition';
import { SourcedDataStore } from '../model/data-store-definition';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp } from '../model/resolved-app';
import { resolveApp } from './resolve';
import { resolveGraph } from './resolve-graph';
import { Release } from './resolve-image';
import { resolveSharedDataStore } from './resolve-shared-data-store';
import { TimeZones } from './time-zones';

/** Whether the app exists in the environment: every one, unless its `only` lists the ones it does. */
export function presentIn(definition: AppDefinition, environment: string): boolean {
  return definition.only === undefined || definition.only.includes(environment);
}

/**
 * Remembers resolutions between runs (the render cache does): an app resolved alone is a function
 * of its definition, the environment and its release, so an unchanged app need not be resolved
 * again. The dependencies between apps are resolved afresh every run, from every app's resolution.
 */
export interface ResolutionMemo {
  /** What `resolve()` returns, or what it returned in an earlier run for the same inputs. */
  alone(sourced: SourcedApp, env: ResolvedEnvironment, release: Release | undefined, resolve: () => ResolvedApp): ResolvedApp;
  /** Told when every app of the environment was resolved alone, before anything else is done with them. */
  resolved(): void;
  /** Told each app's final resolution with the one it was made from by adding what the dependencies contribute (the same object when they change nothing). */
  final(alone: ResolvedApp, final: ResolvedApp): void;
}

/**
 * Every app of one environment, resolved: each app alone first, then the dependencies between
 * them (which need the whole environment). Apps absent from the environment (`only`) produce
 * nothing. Problems go to `problems`; the apps that resolved are returned, so one run reports the
 * problems of every app, and an app that failed is not reported again as missing by its callers.
 */
export function resolveEnvironmentApps(
  apps: readonly SourcedApp[],
  env: ResolvedEnvironment,
  release: (app: SourcedApp) => Release | undefined,
  problems: Problems,
  dataStores: readonly SourcedDataStore[] = [],
  memo?: ResolutionMemo,
): ResolvedApp[] {
  const nodes: { sourced: SourcedApp; app: ResolvedApp }[] = [];
  const absent: SourcedApp[] = [];
  const failed: SourcedApp[] = [];
  const timeZones = new TimeZones();
  for (const sourced of apps) {
    if (!presentIn(sourced.definition, env.name)) {
      absent.push(sourced);
      continue;
    }
    try {
      const pin = release(sourced);
      const resolve = () => resolveApp(sourced, env, pin, timeZones);
      nodes.push({ sourced, app: memo ? memo.alone(sourced, env, pin, resolve) : resolve() });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems) problems.add(p);
      failed.push(sourced);
    }
  }
  memo?.resolved();
  const stores = dataStores.map((sourced) => ({ sourced, resolved: resolveSharedDataStore(sourced, env, problems) }));
  const resolved = resolveGraph(nodes, problems, { absent, failed, stores });
  // resolveGraph gives one app per node, in the nodes' order.
  if (memo) resolved.forEach((app, i) => memo.final(nodes[i].app, app));
  return resolved;
}
