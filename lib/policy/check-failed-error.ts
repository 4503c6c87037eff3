import { PlatformError } from '../internal/errors';
import { formatFinding } from './format-report';
import { CheckReport } from './report';

/** How many findings the error message lists before pointing at the full report. */
const LISTED = 20;

/**
 * The objects failed the checks: an error-severity finding that no waiver excuses, or an expired
 * waiver. Nothing is written. Carries the whole report for callers that want more than the message.
 */
export class CheckFailedError extends PlatformError {
  constructor(public readonly report: CheckReport) {
    super('E_CHECK_FAILED', summarize(report));
  }
}

function summarize(report: CheckReport): string {
  const { errors, expiredWaivers } = report.summary;
  const counts = [errors > 0 && plural(errors, 'error'), expiredWaivers > 0 && plural(expiredWaivers, 'expired waiver')].filter(Boolean).join(' and ');
  const lines = [`the checks found ${counts}, so nothing was written:`];
  const failing = report.findings.filter((f) => f.severity === 'error' && !f.waivedBy);
  for (const f of failing.slice(0, LISTED)) lines.push(`  - ${formatFinding(f)}`);
  if (failing.length > LISTED) lines.push(`  ... and ${failing.length - LISTED} more`);
  for (const w of report.waivers.filter((x) => x.status === 'expired')) {
    lines.push(
      `  - ${w.declaredIn}: 'waivers[${w.index}]' for rule '${w.rule}' expired on ${w.expires} (owner ${w.owner}). Fix: renew it with a new date and reason, or fix the finding and remove it [E_WAIVER_EXPIRED]`,
    );
  }
  const first = failing.find((f) => f.rule !== 'schema');
  if (first) {
    // A rule broken on purpose (an escape hatch, say) is accepted in review with a waiver, never silently.
    const example = `{ rule: '${first.rule}', environment: '${first.environment}', object: { kind: '${first.object.kind}', name: '${first.object.name}' }, reason: '<why, in a sentence>', owner: '<team>', expires: 'YYYY-MM-DD' }`;
    lines.push(`To accept a finding deliberately, waive it in the app's definition (${first.source}): waivers: [${example}]`);
  }
  lines.push("Run 'platform check' for the full report, with warnings and waivers.");
  return lines.join('\n');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
