import { checkedObjects } from '../../pipeline/default-checks';
import { loadProject } from '../../pipeline/load-project';
import { renderResolvedFleet, resolveFleetEnvironments } from '../../pipeline/render-fleet';
import { renderPlatform } from '../../pipeline/render-platform';
import { admissionCoverage, formatAdmissionCoverage } from '../../policy/admission/format-admission';
import { formatReport } from '../../policy/format-report';
import { GOLDEN_PATH_PACK } from '../../policy/pack';
import { runChecks } from '../../policy/run-checks';
import { EXIT } from '../exit-codes';
import { Io } from '../io';
import { findEnvironment } from './find-app';
import { formatGoldenPath, goldenPathEntries } from './golden-path';

export interface CheckOptions {
  /** Repository root. */
  readonly root: string;
  /** Print the report as JSON. @default false */
  readonly json?: boolean;
  /** Check this environment only. @default - every environment */
  readonly env?: string;
  /** The day waivers are checked against. @default - now */
  readonly now?: Date;
}

/**
 * `platform check`: schema validation and the policy pack over every object of every
 * environment, with the apps' waivers; writes nothing. Exit 0 when nothing fails (warnings and
 * unused waivers are reported), 1 on an unwaived error or an expired waiver.
 */
export function checkCommand(options: CheckOptions, io: Io): number {
  const project = loadProject(options.root);
  const only = options.env === undefined ? undefined : findEnvironment(project.environments, options.env).name;
  // Every environment is rendered (resolution checks overrides against all of them); --env filters what is checked.
  const environments = resolveFleetEnvironments(project.environments, project.gitops);
  const rendered = renderResolvedFleet({ apps: project.apps, dataStores: project.dataStores, environments, releases: project.releases.pin });
  const platform = renderPlatform(rendered, environments, { now: options.now, dataStores: project.dataStores });
  const objects = checkedObjects(rendered, platform).filter((a) => only === undefined || a.app.environment === only);
  const productionEnvironments = environments.filter((e) => e.production).map((e) => e.name);
  const report = runChecks(objects, { now: options.now ?? new Date(), environments: environments.map((e) => e.name), productionEnvironments });
  const goldenPath = goldenPathEntries(rendered, only);
  const admission = admissionCoverage(GOLDEN_PATH_PACK);
  io.out(
    options.json
      ? `${JSON.stringify({ ...report, goldenPath, admission }, null, 2)}\n`
      : `${formatReport(report)}\n${formatGoldenPath(goldenPath)}\n${formatAdmissionCoverage(admission)}`,
  );
  return report.passed ? EXIT.ok : EXIT.findings;
}
