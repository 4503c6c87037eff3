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
      nodes.push({ sourced, app: resolveApp(sourced, env, release(sourced), timeZones) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems) problems.add(p);
      failed.push(sourced);
    }
  }
  const stores = dataStores.map((sourced) => ({ sourced, resolved: resolveSharedDataStore(sourced, env, problems) }));
  return resolveGraph(nodes, problems, { absent, failed, stores });
}
