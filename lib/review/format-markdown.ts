import { CapacityTotals } from './capacity-totals';
import { formatGib, formatVcpu, gib, signed, vcpu } from './capacity-units';
import { ObjectStatus } from './diff-trees';
import { AppGroup, groupForDisplay, statusNote, unchangedEnvironments } from './display-groups';
import { formatChange } from './format-value';
import { graphMarkdown } from './graph/format-graph-markdown';
import { ReviewReport } from './review-report';
import { listed } from './risk/risk-flag';
import { groupRisks } from './risk-groups';
import { summaryLine } from './format-text';

/** First line of the comment: CI finds its previous comment by it and updates it in place. */
export const COMMENT_MARKER = '<!-- platform-diff -->';
/** GitHub refuses comments over 65,536 characters; past this the field-level changes are left out. */
const MAX_COMMENT = 60_000;
const STATUSES: readonly ObjectStatus[] = ['added', 'changed', 'moved', 'renamed', 'removed'];

/**
 * The report as a pull-request comment: a table of environments with their capacity, the risk
 * flags, then the changes per environment in collapsed sections (a `diff` block per app).
 */
export function formatMarkdown(report: ReviewReport): string {
  const head = header(report);
  const full = [...head, ...changes(report, true)].join('\n');
  if (full.length <= MAX_COMMENT) return `${full}\n`;
  const brief = [...head, ...changes(report, false), '', '_Field-level changes are left out to fit a comment; run `platform diff` for them._'].join('\n');
  if (brief.length <= MAX_COMMENT) return `${brief}\n`;
  return `${[...head, '', '_The list of changes is too long for a comment; run `platform diff` for it._'].join('\n')}\n`;
}

function header(report: ReviewReport): string[] {
  const out = [COMMENT_MARKER, '### `platform diff`', ''];
  out.push(`Base **${esc(report.base.label)}** (${esc(report.base.how)}) → **${esc(report.head.label)}** (${esc(report.head.how)})`);
  for (const note of report.notes) out.push('', `> **Note:** ${esc(note)}`);
  out.push('', `**${esc(summaryLine(report))}**`);
  if (report.diff.environments.length === 0) return out;

  out.push(
    '',
    '| environment | added | changed | moved | renamed | removed | CPU requests | memory requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  );
  for (const environment of report.diff.environments) {
    const objects = report.diff.objects.filter((d) => d.environment === environment);
    const counts = STATUSES.map((s) => objects.filter((d) => d.status === s).length || '');
    const c = report.capacity.find((x) => x.environment === environment);
    out.push(
      `| ${esc(environment)} | ${counts.join(' | ')} | ${c ? capacityCell(c.before, c.after, 'cpu') : ''} | ${c ? capacityCell(c.before, c.after, 'memory') : ''} |`,
    );
  }
  out.push('', '_Requests x replicas; `min..max` where autoscaled (scheduled tasks count at max only)._');

  const sections = groupRisks(report.risks);
  out.push('', sections.length > 0 ? '#### ⚠️ Risks' : '#### Risks', '');
  if (sections.length === 0) out.push('No risk flags.');
  for (const section of sections) {
    out.push(`**${section.title}**`, '');
    for (const line of section.lines) {
      const where = [
        line.environments.map((e) => `**${esc(e)}**`).join(', '),
        line.app && `\`${line.app}\``,
        line.objects.length > 0 &&
          listed(
            line.objects.map((o) => `\`${o}\``),
            3,
          ),
      ]
        .filter(Boolean)
        .join(' · ');
      out.push(`- ${where}: ${esc(line.message)}`);
      for (const detail of line.details) out.push(`  - ${esc(detail)}`);
    }
    out.push('');
  }
  out.push(...graphMarkdown(report.graph));
  return out;
}

function changes(report: ReviewReport, withFields: boolean): string[] {
  const groups = groupForDisplay(report.diff);
  if (groups.length === 0) return [];
  const out = ['', '#### Changes', ''];
  for (const env of groups) {
    const counts = STATUSES.filter((s) => env.counts[s] > 0).map((s) => `${env.counts[s]} ${s}`);
    out.push(`<details><summary><b>${esc(env.environment)}</b>: ${counts.join(', ')}</summary>`, '');
    for (const app of env.apps) out.push(...appBlock(app, withFields), '');
    out.push('</details>', '');
  }
  const unchanged = unchangedEnvironments(report.diff);
  if (unchanged.length > 0) out.push(`Unchanged: ${unchanged.map(esc).join(', ')}`);
  return out;
}

function appBlock(app: AppGroup, withFields: boolean): string[] {
  const out = [`**\`${app.app}\`** (${app.files.map((f) => `\`${f}\``).join(', ')})`];
  for (const label of app.sharedLabels) {
    const { before, after } = formatChange(label);
    out.push(`- labels of every changed object: \`${label.path}\` \`${before}\` → \`${after}\``);
  }
  out.push('', '```diff');
  for (const o of app.objects) {
    const d = o.diff;
    if (d.status === 'added') out.push(`+ ${d.id} (new)`);
    else if (d.status === 'removed') out.push(`- ${d.id} (deleted)`);
    else {
      const note = statusNote(o);
      out.push(`@@ ${d.id}${note} @@`);
      if (!withFields) continue;
      for (const f of o.fields) {
        const { before, after, lines } = formatChange(f);
        if (lines.length > 0) {
          out.push(`  ${f.path}:`, ...lines.map((l) => (l.startsWith('@@') ? `  ${l}` : `${l[0]}   ${l.slice(2)}`)));
          continue;
        }
        if ('before' in f) out.push(`-   ${f.path}: ${before}`);
        if ('after' in f) out.push(`+   ${f.path}: ${after}`);
      }
    }
  }
  out.push('```');
  return out;
}

function capacityCell(before: CapacityTotals, after: CapacityTotals, resource: 'cpu' | 'memory'): string {
  const [b, a] = [before.requests[resource], after.requests[resource]];
  const format = resource === 'cpu' ? formatVcpu : formatGib;
  const scale = resource === 'cpu' ? vcpu : gib;
  if (scale(b.min) === scale(a.min) && scale(b.max) === scale(a.max)) return format(a);
  const unit = resource === 'cpu' ? 'vCPU' : 'GiB';
  const delta =
    scale(a.min - b.min) === scale(a.max - b.max)
      ? signed(a.min - b.min, unit)
      : `${signed(a.min - b.min, unit)} at min, ${signed(a.max - b.max, unit)} at max`;
  return `${format(b)} → **${format(a)}** (${delta})`;
}

/** Escapes what GitHub would read as markup in free text (intra-word underscores are plain text there). */
function esc(text: string): string {
  return text.replace(/[\\`*<|[\]]/g, (c) => `\\${c}`).replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}
