import { ResolvedEnvironment } from '../model/resolved-environment';
import { CheckReport } from '../policy/report';
import { runChecks } from '../policy/run-checks';
import { checkedObjects } from './default-checks';
import { fleetInput, Project } from './load-project';
import { RenderedApp, renderResolvedFleet, resolveFleetEnvironments } from './render-fleet';
import { RenderedPlatformFile, renderPlatform } from './render-platform';

export interface CheckedProject {
  readonly environments: readonly ResolvedEnvironment[];
  readonly rendered: readonly RenderedApp[];
  readonly platform: readonly RenderedPlatformFile[];
  readonly report: CheckReport;
}

/**
 * What `platform check` and `platform report` both need: the whole fleet rendered in memory with
 * the platform's own files, and the schema and policy pack run over it as a synth runs them.
 * Every environment is rendered (resolution checks overrides against all of them); `only` limits
 * what is checked.
 */
export function checkProject(project: Project, options: { readonly now: Date; readonly only?: string }): CheckedProject {
  const environments = resolveFleetEnvironments(project.environments, project.gitops);
  const rendered = renderResolvedFleet({ ...fleetInput(project), environments });
  const platform = renderPlatform(rendered, environments, { now: options.now, dataStores: project.dataStores });
  const objects = checkedObjects(rendered, platform).filter((a) => options.only === undefined || a.app.environment === options.only);
  const report = runChecks(objects, {
    now: options.now,
    environments: environments.map((e) => e.name),
    productionEnvironments: environments.filter((e) => e.production).map((e) => e.name),
  });
  return { environments, rendered, platform, report };
}
