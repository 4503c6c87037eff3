import { ValidationError } from '../../../lib/internal/errors';
import { GOLDEN_PATH_PACK } from '../../../lib/policy/pack';
import { expectError } from '../../helpers';
import { check, checked, findingsOf, waiver } from '../policy-helpers';
import { CASES } from './cases/all-cases';

test('every rule of the pack has a compliant, a violating and a waived (or, for a hardened app, refused) case', () => {
  // A rule may have several cases (prod-replicas: a Deployment's and a single-instance StatefulSet's).
  expect([...new Set(CASES.map((c) => c.rule.id))].sort()).toEqual(GOLDEN_PATH_PACK.map((r) => r.id).sort());
});

describe.each(CASES.map((c) => [c.rule.id, c] as const))('%s', (id, c) => {
  const environment = c.environment ?? 'prod';

  test('passes the compliant objects', () => {
    const report = check([checked(c.compliant(), { environment, namespace: c.namespace })], [c.rule]);
    expect(findingsOf(report, id)).toEqual([]);
    expect(report.passed).toBe(true);
  });

  test('reports the violating objects', () => {
    const report = check([checked(c.violating(), { environment, namespace: c.namespace })], [c.rule]);
    const findings = findingsOf(report, id);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0].message).toContain(c.message);
    expect(findings[0].severity).toBe(c.rule.severity);
    if (c.field) expect(findings[0].field).toBe(c.field);
    expect(findings[0]).toMatchObject({ environment, app: 'checkout', source: 'apps/shop/checkout.ts', why: c.rule.why, fix: c.rule.fix });
    // Errors fail the check; warnings are reported and never do.
    expect(report.passed).toBe(c.rule.severity === 'warning');
  });

  if (c.unwaivable) {
    test('refuses a waiver: a hardened app may not waive a security rule', () => {
      const error = expectError<ValidationError>(() =>
        check([checked(c.violating(), { environment, namespace: c.namespace, waivers: [waiver(id, c.waiver)] })], [c.rule]),
      );
      expect(error.problems.map((p) => `${p.code} ${p.field} ${String(p.value)}`)).toContain(`E_HARDENED_WAIVER waivers[0].rule ${id}`);
    });
    return;
  }

  test('accepts the violating objects under a waiver, and reports the waiver as used', () => {
    const report = check([checked(c.violating(), { environment, namespace: c.namespace, waivers: [waiver(id, c.waiver)] })], [c.rule]);
    const findings = findingsOf(report, id);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.waivedBy?.declaredIn === 'apps/shop/checkout.ts')).toBe(true);
    expect(report.passed).toBe(true);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, waived: findings.length });
    expect(report.waivers).toEqual([expect.objectContaining({ rule: id, status: 'used', findings: findings.length })]);
  });
});
