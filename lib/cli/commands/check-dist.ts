import { resolve } from 'node:path';
import { formatReport } from '../../policy/format-report';
import { runChecks } from '../../policy/run-checks';
import { checkedTree } from '../../review/checked-tree';
import { readTreeFiles } from '../../review/rendered-tree';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export interface CheckDistOptions {
  /** The written tree to check, e.g. dist/ (relative to the working directory). */
  readonly dist: string;
  /** Print the report as JSON. @default false */
  readonly json?: boolean;
  /** Check this environment only. @default - every environment of the tree */
  readonly env?: string;
  /** The day waivers are checked against. @default - now */
  readonly now?: Date;
}

/**
 * `platform check --dist <folder>`: the schema validation and the policy pack over the YAML a
 * synth wrote, in a process that never loads app code (no app file, no apps/environments.ts), so
 * app code cannot switch the checks off: this is the verdict CI counts. Waivers and which
 * environments are production come from what the synth wrote (see `checkedTree`). Exit codes as
 * `platform check`.
 */
export function checkDistCommand(options: CheckDistOptions, io: Io): number {
  const tree = checkedTree(readTreeFiles(resolve(options.dist)), options.dist.replace(/\/+$/, ''));
  const apps = tree.apps.filter((a) => options.env === undefined || a.app.environment === options.env);
  const report = runChecks(apps, {
    now: options.now ?? new Date(),
    environments: tree.environments,
    productionEnvironments: tree.productionEnvironments,
    waivers: tree.waivers,
  });
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.passed ? EXIT.ok : EXIT.findings;
}
