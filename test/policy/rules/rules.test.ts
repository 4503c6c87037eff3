import { ValidationError } from '../../../lib/internal/errors';
import { GOLDEN_PATH_PACK } from '../../../lib/policy/pack';
import { expectError } from '../../helpers';
import { check, checked, findingsOf, waiver } from '../policy-helpers';
import { AVAILABILITY_CASES } from './cases/availability';
import { CORRECTNESS_CASES } from './cases/correctness';
import { HARDENED_CASES } from './cases/hardened';
import { HARDENING_CASES } from './cases/hardening';
import { HEALTH_CASES } from './cases/health';
import { MONITORING_CASES } from './cases/monitoring';
import { NETWORK_CASES } from './cases/network';
import { POD_SECURITY_CASES } from './cases/pod-security';
import { REFERENCE_CASES } from './cases/references';
import { TRUST_BOUNDARY_CASES } from './cases/trust-boundaries';
import { RESOURCE_CASES } from './cases/resources';
import { RuleCase } from './cases/rule-case';

const CASES: readonly RuleCase[] = [
  ...POD_SECURITY_CASES,
  ...HARDENING_CASES,
  ...NETWORK_CASES,
  ...RESOURCE_CASES,
  ...HEALTH_CASES,
  ...MONITORING_CASES,
  ...AVAILABILITY_CASES,
  ...REFERENCE_CASES,
  ...CORRECTNESS_CASES,
  ...TRUST_BOUNDARY_CASES,
  ...HARDENED_CASES,
];

test('every rule of the pack has a compliant, a violating and a waived (or, for a hardened app, refused) case', () => {
  expect(CASES.map((c) => c.rule.id).sort()).toEqual(GOLDEN_PATH_PACK.map((r) => r.id).sort());
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
