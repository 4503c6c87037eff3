import { checkProject } from '../../pipeline/check-project';
import { loadProject } from '../../pipeline/load-project';
import { admissionCoverage, formatAdmissionCoverage } from '../../policy/admission/format-admission';
import { formatReport } from '../../policy/format-report';
import { GOLDEN_PATH_PACK } from '../../policy/pack';
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
  const { rendered, report } = checkProject(project, { now: options.now ?? new Date(), only });
  const goldenPath = goldenPathEntries(rendered, only);
  const admission = admissionCoverage(GOLDEN_PATH_PACK);
  io.out(
    options.json
      ? `${JSON.stringify({ ...report, goldenPath, admission }, null, 2)}\n`
      : `${formatReport(report)}\n${formatGoldenPath(goldenPath)}\n${formatAdmissionCoverage(admission)}`,
  );
  return report.passed ? EXIT.ok : EXIT.findings;
}
