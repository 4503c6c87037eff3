import { capacityJson } from './capacity-json';
import { ObjectStatus } from './diff-trees';
import { ReviewReport } from './review-report';

/**
 * The report for machines. Objects carry their field changes (`before` absent for a new field,
 * `after` for a removed one), not whole manifests; capacity is in vCPU and GiB.
 */
export function formatJson(report: ReviewReport): string {
  const statuses: ObjectStatus[] = ['added', 'changed', 'moved', 'renamed', 'removed'];
  const json = {
    base: report.base,
    head: report.head,
    notes: report.notes,
    environments: report.diff.environments.map((name) => {
      const objects = report.diff.objects.filter((d) => d.environment === name);
      const capacity = report.capacity.find((c) => c.environment === name);
      return {
        name,
        counts: Object.fromEntries(statuses.map((s) => [s, objects.filter((d) => d.status === s).length])),
        ...(capacity ? { capacity: { before: capacityJson(capacity.before), after: capacityJson(capacity.after) } } : {}),
      };
    }),
    objects: report.diff.objects.map((d) => ({
      status: d.status,
      environment: d.environment,
      app: d.app,
      file: d.file,
      id: d.id,
      kind: d.kind,
      ...(d.previous ? { previous: d.previous } : {}),
      fields: d.fields,
    })),
    risks: report.risks,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
