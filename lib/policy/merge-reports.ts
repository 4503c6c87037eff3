import { CheckReport, WaiverReport } from './report';

/**
 * One report from the reports of runs over disjoint parts of a fleet, given in the order a single
 * run would have met them (environment by environment): what `runChecks` over all the parts at
 * once reports. Findings are concatenated; a waiver is listed once, where it first appears, with
 * the findings it excused everywhere, and its status decided over every environment checked (a
 * waiver unused in one environment may have excused a finding in the next). `sources`: the distinct
 * source files of every part, which the parts' counts cannot tell.
 */
export function mergeReports(reports: readonly CheckReport[], sources: number): CheckReport {
  if (reports.length === 0) throw new Error('bug: no check reports to merge');
  const environments = [...new Set(reports.flatMap((r) => r.environments))];
  const findings = reports.flatMap((r) => r.findings);
  const waivers = new Map<string, WaiverReport>();
  for (const report of reports) {
    for (const waiver of report.waivers) {
      const key = JSON.stringify([waiver.declaredIn, waiver.index]);
      const seen = waivers.get(key);
      waivers.set(key, seen ? { ...seen, findings: seen.findings + waiver.findings } : waiver);
    }
  }
  const merged = [...waivers.values()].map((w) => ({ ...w, status: statusOf(w, environments) }));
  const open = findings.filter((f) => !f.waivedBy);
  const summary = {
    environments: environments.length,
    sources,
    objects: reports.reduce((sum, r) => sum + r.summary.objects, 0),
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    waived: findings.length - open.length,
    expiredWaivers: merged.filter((w) => w.status === 'expired').length,
    unusedWaivers: merged.filter((w) => w.status === 'unused').length,
  };
  const { kubernetesVersion, date, rules } = reports[0];
  return {
    kubernetesVersion,
    date,
    environments,
    rules,
    passed: summary.errors === 0 && summary.expiredWaivers === 0,
    summary,
    findings,
    waivers: merged,
  };
}

/** As `runChecks` decides it, over every environment: expiry does not depend on where it was checked. */
function statusOf(waiver: WaiverReport, environments: readonly string[]): WaiverReport['status'] {
  if (waiver.status === 'expired') return 'expired';
  if (waiver.findings > 0) return 'used';
  return waiver.environment === undefined || environments.includes(waiver.environment) ? 'unused' : 'not-checked';
}
