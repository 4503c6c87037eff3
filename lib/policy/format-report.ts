import { CheckReport, Finding, WaiverReport } from './report';

/**
 * The report as text for people: findings grouped by environment, then app (with its source
 * file), each with its object, construct path, field, why and fix; then every waiver and a
 * one-line verdict.
 */
export function formatReport(report: CheckReport): string {
  const lines: string[] = [
    `Checked against Kubernetes ${report.kubernetesVersion} schemas and ${report.rules.length} policy rules; waivers as of ${report.date}.`,
    '',
  ];
  for (const environment of report.environments) {
    const findings = report.findings.filter((f) => f.environment === environment);
    if (findings.length === 0) continue;
    lines.push(environment);
    for (const [app, group] of groupBy(findings, (f) => `${f.team ? `${f.team}/` : ''}${f.app}`)) {
      lines.push(`  ${app}  (${group[0].source})`);
      for (const f of group) lines.push(...findingLines(f));
    }
    lines.push('');
  }
  if (report.findings.length === 0) lines.push('No findings.', '');
  if (report.waivers.length > 0) {
    lines.push('Waivers');
    for (const w of report.waivers) lines.push(`  ${waiverStatus(w).padEnd(12)} ${describeWaiver(w)}`);
    lines.push('');
  }
  lines.push(verdict(report));
  return lines.join('\n') + '\n';
}

/** The report as JSON for machines (`platform check --json`). */
export function formatReportJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** One finding on one line: `prod: apps/shop/cart.ts: Deployment shop/cart: [rule] message (field). Fix: ...` */
export function formatFinding(f: Finding): string {
  const field = f.field ? ` (${f.field})` : '';
  return `${f.environment}: ${f.source}: ${objectName(f)}: [${f.rule}] ${f.message}${field}. Fix: ${f.fix}`;
}

function findingLines(f: Finding): string[] {
  const label = f.waivedBy ? 'waived' : f.severity;
  const indent = ' '.repeat(14);
  const lines = [
    `    ${label.padEnd(9)} ${f.rule}  ${objectName(f)}`,
    `${indent}${f.message}`,
    `${indent}at ${f.constructPath}${f.field ? `  field ${f.field}` : ''}`,
  ];
  if (f.waivedBy) {
    const w = f.waivedBy;
    lines.push(`${indent}waived by ${w.declaredIn} waivers[${w.index}] (owner ${w.owner}, until ${w.expires}): ${w.reason}`);
  } else {
    lines.push(`${indent}why: ${f.why}`, `${indent}fix: ${f.fix}`);
  }
  return lines;
}

function objectName(f: Finding): string {
  return `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;
}

function waiverStatus(w: WaiverReport): string {
  switch (w.status) {
    case 'used':
      return `used (${w.findings})`;
    case 'unused':
      return 'UNUSED';
    case 'expired':
      return 'EXPIRED';
    case 'not-checked':
      return 'not checked';
  }
}

function describeWaiver(w: WaiverReport): string {
  const scope = [
    w.environment ? `in ${w.environment}` : 'in every environment',
    w.object ? `for ${w.object.kind}${w.object.name ? `/${w.object.name}` : ''}` : `for every object${w.app ? ` of ${w.app}` : ''}`,
  ].join(' ');
  const when = w.status === 'expired' ? `expired ${w.expires}` : `until ${w.expires}`;
  return `${w.declaredIn} waivers[${w.index}]: ${w.rule} ${scope}; owner ${w.owner}, ${when}: ${w.reason}`;
}

function verdict(report: CheckReport): string {
  const s = report.summary;
  const parts = [count(s.errors, 'error'), count(s.warnings, 'warning'), count(s.waived, 'waived finding')];
  const waivers = [count(s.expiredWaivers, 'expired waiver'), count(s.unusedWaivers, 'unused waiver')];
  const scope = `${count(s.objects, 'object')} from ${count(s.sources, 'source file')} in ${count(s.environments, 'environment')}`;
  return `${report.passed ? 'PASSED' : 'FAILED'}: ${parts.join(', ')}; ${waivers.join(', ')} (${scope})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
