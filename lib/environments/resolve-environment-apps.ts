import { Problems, ValidationError } from '../internal/errors';
import { SourcedApp } from '../model/app-definition';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp } from '../model/resolved-app';
import { resolveApp } from './resolve';
import { resolveGraph } from './resolve-graph';
import { Release } from './resolve-image';

/**
 * Every app of one environment, resolved: each app alone first, then the dependencies between
 * them (which need the whole environment). Problems go to `problems`; the apps that resolved are
 * returned, so one run reports the problems of every app.
 */
export function resolveEnvironmentApps(
  apps: readonly SourcedApp[],
  env: ResolvedEnvironment,
  release: (app: SourcedApp) => Release | undefined,
  problems: Problems,
): ResolvedApp[] {
  const nodes: { sourced: SourcedApp; app: ResolvedApp }[] = [];
  for (const sourced of apps) {
    try {
      nodes.push({ sourced, app: resolveApp(sourced, env, release(sourced)) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems) problems.add(p);
    }
  }
  return resolveGraph(nodes, problems);
}
