import { CheckFailedError } from './check-failed-error';
import { CheckReport } from './report';
import { CheckedApp, runChecks, RunChecksOptions } from './run-checks';

/** A check over every synthesized object, run before anything is written (a `FleetCheck`). */
export type ObjectsCheck = (apps: readonly CheckedApp[]) => void;

export interface PolicyCheckOptions extends Omit<RunChecksOptions, 'schema'> {
  /** Called with every report, passed or not, e.g. to print warnings. @default - none */
  readonly onReport?: (report: CheckReport) => void;
}

/** Strict schema validation of every object; throws CheckFailedError listing every invalid field. Waivers play no part. */
export function schemaCheck(options: Pick<PolicyCheckOptions, 'now' | 'onReport' | 'constructPath' | 'memo'>): ObjectsCheck {
  const { now, constructPath, memo } = options;
  return (apps) => finish(runChecks(apps, { now, rules: [], schema: true, productionEnvironments: [], constructPath, memo }), options.onReport);
}

/**
 * The policy pack with the apps' waivers; throws CheckFailedError when an error is not waived or
 * a waiver has expired. Warnings and unused waivers go to `onReport` and never fail. Expects
 * schema-valid objects: run `schemaCheck` first.
 */
export function policyCheck(options: PolicyCheckOptions): ObjectsCheck {
  return (apps) => finish(runChecks(apps, { ...options, schema: false }), options.onReport);
}

function finish(report: CheckReport, onReport: PolicyCheckOptions['onReport']): void {
  onReport?.(report);
  if (!report.passed) throw new CheckFailedError(report);
}
