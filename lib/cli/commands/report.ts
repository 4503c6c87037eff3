import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../internal/errors';
import { checkProject } from '../../pipeline/check-project';
import { loadProject } from '../../pipeline/load-project';
import { buildFleetReport } from '../../review/report/fleet-report';
import { reportHtml } from '../../review/report/report-html';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export const REPORT_FORMATS = ['html', 'json'] as const;

export interface ReportOptions {
  /** Repository root. */
  readonly root: string;
  /** Folder to write `index.html` (or `report.json`) into; created if missing. */
  readonly out: string;
  /** @default 'html' */
  readonly format?: string;
  /** The day waivers are measured against, 'YYYY-MM-DD': the report's only date, so a pinned one gives the same bytes. @default - today (UTC) */
  readonly date?: string;
}

/**
 * `platform report --out <folder>`: the fleet on one static page (service graph per environment,
 * capacity per team, golden-path conformance, the policy report of a check run as `platform
 * check` runs it), or the same data as JSON for a portal. Exit 0 whatever the check found: the
 * report shows it; `platform check` is the gate.
 */
export function reportCommand(options: ReportOptions, io: Io): number {
  const format = options.format ?? 'html';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('E_USAGE', `--format '${format}' is not a report format (known: ${REPORT_FORMATS.join(', ')})`);
  }
  const now = parseDate(options.date);
  const { environments, rendered, platform, report: policy } = checkProject(loadProject(options.root), { now });
  const report = buildFleetReport({ environments: environments.map((e) => ({ name: e.name, production: e.production })), rendered, platform, policy });
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const file = join(out, format === 'json' ? 'report.json' : 'index.html');
  writeFileSync(file, format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportHtml(report));
  io.out(`wrote ${file}: ${report.apps.length} apps, ${report.environments.length} environments, check ${report.policy.passed ? 'passed' : 'failed'}\n`);
  return EXIT.ok;
}

function parseDate(date: string | undefined): Date {
  if (date === undefined) return new Date();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new UsageError('E_USAGE', `--date '${date}' is not a day as YYYY-MM-DD. Fix: e.g. --date 2026-01-31`);
  }
  return parsed;
}
