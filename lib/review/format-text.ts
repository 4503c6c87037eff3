import { formatGib, formatVcpu } from './capacity-units';
import { ObjectStatus } from './diff-trees';
import { DisplayObject, groupForDisplay, statusNote, unchangedEnvironments } from './display-groups';
import { formatChange } from './format-value';
import { ReviewReport } from './review-report';
import { listed } from './risk/risk-flag';
import { groupRisks } from './risk-groups';

const STATUSES: readonly ObjectStatus[] = ['added', 'changed', 'moved', 'renamed', 'removed'];
const MARK: Record<ObjectStatus, string> = { added: '+', removed: '-', changed: '~', moved: '>', renamed: '~' };
/** Fields listed per object before the rest are counted. */
const MAX_FIELDS = 40;

/** The report for a terminal: risks first, then capacity, then every change by environment, app and object. */
export function formatText(report: ReviewReport): string {
  const out: string[] = [];
  out.push(`platform diff: ${report.base.label} [${report.base.how}] -> ${report.head.label} [${report.head.how}]`);
  for (const note of report.notes) out.push(`note: ${note}`);
  const groups = groupForDisplay(report.diff);
  out.push('', summaryLine(report));
  if (groups.length === 0) return `${out.join('\n')}\n`;

  const sections = groupRisks(report.risks);
  if (sections.length > 0) {
    out.push('', 'RISKS');
    for (const section of sections) {
      out.push(`  ${section.title}`);
      for (const line of section.lines) {
        const where = [line.environments.join(', '), line.app, line.objects.length > 0 ? listed(line.objects, 3) : undefined].filter(Boolean).join('  ');
        out.push(`    ${where}: ${line.message}`);
        for (const detail of line.details) out.push(`      ${detail}`);
      }
    }
  }

  const changed = report.capacity.filter((c) => JSON.stringify(c.before.requests) !== JSON.stringify(c.after.requests));
  if (changed.length > 0) {
    out.push('', 'CAPACITY (requests x replicas, min..max)');
    const width = Math.max(...changed.map((c) => c.environment.length));
    for (const c of changed) {
      out.push(
        `  ${c.environment.padEnd(width)}  cpu ${formatVcpu(c.before.requests.cpu)} -> ${formatVcpu(c.after.requests.cpu)}   memory ${formatGib(c.before.requests.memory)} -> ${formatGib(c.after.requests.memory)}`,
      );
    }
  }

  out.push('', 'CHANGES');
  for (const env of groups) {
    const counts = STATUSES.filter((s) => env.counts[s] > 0).map((s) => `${env.counts[s]} ${s}`);
    out.push(`${env.environment} (${counts.join(', ')})`);
    for (const app of env.apps) {
      out.push(`  ${app.app}  ${app.files.join(', ')}`);
      for (const label of app.sharedLabels) {
        const { before, after } = formatChange(label);
        out.push(`    labels of every changed object: ${label.path}: ${before} -> ${after}`);
      }
      for (const o of app.objects) out.push(...objectLines(o));
    }
  }
  const unchanged = unchangedEnvironments(report.diff);
  if (unchanged.length > 0) out.push('', `unchanged: ${unchanged.join(', ')}`);
  return `${out.join('\n')}\n`;
}

export function summaryLine(report: ReviewReport): string {
  const total = (s: ObjectStatus) => report.diff.objects.filter((d) => d.status === s).length;
  const changedEnvs = new Set(report.diff.objects.map((d) => d.environment)).size;
  if (changedEnvs === 0) return `no changes in ${report.diff.environments.length} environments`;
  const parts = STATUSES.filter((s) => total(s) > 0).map((s) => `${total(s)} ${s}`);
  const risks = report.risks.length === 0 ? 'no risk flags' : `${report.risks.length} risk flag${report.risks.length === 1 ? '' : 's'}`;
  return `${changedEnvs} of ${report.diff.environments.length} environments changed: ${parts.join(', ')} objects; ${risks}`;
}

function objectLines(o: DisplayObject): string[] {
  const d = o.diff;
  const note = statusNote(o);
  const lines = [`    ${MARK[d.status]} ${d.id}${note}`];
  for (const f of o.fields.slice(0, MAX_FIELDS)) {
    const { before, after, lines: text } = formatChange(f);
    lines.push(`        ${f.path}: ${before} -> ${after}`);
    for (const l of text) lines.push(`          ${l}`);
  }
  if (o.fields.length > MAX_FIELDS) lines.push(`        ... and ${o.fields.length - MAX_FIELDS} more fields`);
  return lines;
}
