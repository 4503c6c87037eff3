import { ValidationError } from '../../lib/internal/errors';
import { Manifest } from '../../lib/manifest/manifest';
import { pssPrivileged } from '../../lib/policy/rules/pss-privileged';
import { readOnlyRootFilesystem } from '../../lib/policy/rules/read-only-root-filesystem';
import { isExpired } from '../../lib/policy/waiver';
import { expectError, find, webDef } from '../helpers';
import { check, checked, container, edit, findingsOf, golden, NOW, waiver } from './policy-helpers';

/** Objects with a privileged container in the Deployment. */
function privileged(): Manifest[] {
  return edit(golden(), 'Deployment', (d) => (container(d).securityContext.privileged = true));
}

describe('waiver validation', () => {
  test.each([
    ['E_WAIVER_REASON', { reason: 'legacy' }, "'waivers[0].reason' must explain the exception in at least 10 characters"],
    ['E_WAIVER_OWNER', { owner: ' ' }, "'waivers[0].owner' must name who answers for the waiver"],
    ['E_WAIVER_EXPIRES', { expires: '2025-02-30' }, "'waivers[0].expires' must be a date as 'YYYY-MM-DD'"],
    ['E_WAIVER_EXPIRES', { expires: '31/12/2025' }, "'waivers[0].expires' must be a date as 'YYYY-MM-DD'"],
    ['E_WAIVER_RULE', { rule: 'pss-privilidged' }, "'waivers[0].rule' is not the id of a rule in the policy pack"],
    ['E_WAIVER_ENVIRONMENT', { environment: 'prdo' }, "'waivers[0].environment' is not an environment (known: prod, dev)"],
  ])('rejects a waiver with %s', (code, change, message) => {
    const apps = [checked(privileged(), { waivers: [waiver('pss-privileged', change)] }), checked(golden(), { environment: 'dev' })];
    const error = expectError<ValidationError>(() => check(apps, [pssPrivileged]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(`apps/shop/checkout.ts: app 'checkout': ${message}`);
  });

  test.each([
    ['2026-06-16', '2026-06-15'],
    ['2099-12-31', '2026-06-15'],
  ])('rejects a waiver that expires more than a year after the check (%s), naming the latest day allowed', (expires, latest) => {
    const apps = [checked(privileged(), { waivers: [waiver('pss-privileged', { expires })] })];
    const error = expectError<ValidationError>(() => check(apps, [pssPrivileged]));
    expect(error.code).toBe('E_WAIVER_EXPIRES');
    expect(error.message).toBe(
      `apps/shop/checkout.ts: app 'checkout': 'waivers[0].expires' is more than a year away (the latest allowed today is ${latest}) (got "${expires}"). Fix: set expires: '${latest}' or sooner, and renew the waiver then if the exception still holds [E_WAIVER_EXPIRES]`,
    );
  });

  test('accepts a waiver that expires exactly a year after the check', () => {
    const report = check([checked(privileged(), { waivers: [waiver('pss-privileged', { expires: '2026-06-15' })] })], [pssPrivileged]);
    expect(report.passed).toBe(true);
  });

  test('reports every bad field of every waiver at once', () => {
    const apps = [checked(privileged(), { waivers: [waiver('pss-privileged', { reason: '', owner: '' }), waiver('nope')] })];
    const error = expectError<ValidationError>(() => check(apps, [pssPrivileged]));
    expect(error.problems.map((p) => `${p.field} ${p.code}`)).toEqual([
      'waivers[0].reason E_WAIVER_REASON',
      'waivers[0].owner E_WAIVER_OWNER',
      'waivers[1].rule E_WAIVER_RULE',
    ]);
  });
});

describe('waiver expiry', () => {
  test('applies through its last day (UTC) and has expired the day after', () => {
    expect(isExpired(waiver('x', { expires: '2025-06-15' }), NOW)).toBe(false);
    expect(isExpired(waiver('x', { expires: '2025-06-14' }), NOW)).toBe(true);
  });

  test('an expired waiver fails the check, excuses nothing, and is named in the report', () => {
    const report = check([checked(privileged(), { waivers: [waiver('pss-privileged', { expires: '2025-06-01' })] })], [pssPrivileged]);
    expect(report.passed).toBe(false);
    expect(findingsOf(report, 'pss-privileged')[0].waivedBy).toBeUndefined();
    expect(report.waivers).toEqual([expect.objectContaining({ rule: 'pss-privileged', status: 'expired', findings: 0 })]);
    expect(report.summary).toMatchObject({ errors: 1, expiredWaivers: 1 });
  });

  test('an expired waiver fails the check even when the finding is gone', () => {
    const report = check([checked(golden(), { waivers: [waiver('pss-privileged', { expires: '2025-01-31' })] })], [pssPrivileged]);
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(false);
    expect(report.summary.expiredWaivers).toBe(1);
  });
});

describe('waiver scope', () => {
  test('an unused waiver is reported, and does not fail the check', () => {
    const report = check([checked(golden(), { waivers: [waiver('pss-privileged')] })], [pssPrivileged]);
    expect(report.passed).toBe(true);
    expect(report.waivers).toEqual([expect.objectContaining({ status: 'unused', findings: 0 })]);
    expect(report.summary.unusedWaivers).toBe(1);
  });

  test('a waiver for one environment does not excuse the same finding in another', () => {
    const waivers = [waiver('pss-privileged', { environment: 'dev' })];
    const report = check([checked(privileged(), { environment: 'dev', waivers }), checked(privileged(), { environment: 'prod', waivers })], [pssPrivileged]);
    expect(report.findings.map((f) => `${f.environment}:${f.waivedBy ? 'waived' : 'open'}`)).toEqual(['dev:waived', 'prod:open']);
    expect(report.passed).toBe(false);
  });

  test("a waiver for an environment this run did not check is 'not-checked', not unused", () => {
    const report = check([checked(golden(), { environment: 'dev', waivers: [waiver('pss-privileged', { environment: 'prod' })] })], [pssPrivileged], {
      environments: ['dev', 'prod'],
    });
    expect(report.waivers[0].status).toBe('not-checked');
  });

  test('a waiver naming an object excuses only that object', () => {
    const objects = golden(webDef({ security: { writableRootFilesystem: true } }));
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'shop' },
      spec: { template: structuredClone(find(objects, 'Deployment', 'checkout').spec.template) },
    };
    const waivers = [waiver('read-only-root-filesystem', { object: { kind: 'Deployment', name: 'checkout' } })];
    const report = check([checked([...objects, job], { waivers })], [readOnlyRootFilesystem]);
    expect(report.findings.map((f) => `${f.object.kind}:${f.waivedBy ? 'waived' : 'open'}`)).toEqual(['Deployment:waived', 'Job:open']);
  });

  test("a waiver covers its own app's objects only", () => {
    const report = check(
      [
        checked(privileged(), { waivers: [waiver('pss-privileged')] }),
        checked(
          privileged().map((m) => ({ ...m, metadata: { ...m.metadata, namespace: 'pay' } })),
          { name: 'gateway', source: 'apps/pay/gateway.ts' },
        ),
      ],
      [pssPrivileged],
    );
    expect(report.findings.map((f) => `${f.app}:${f.waivedBy ? 'waived' : 'open'}`)).toEqual(['checkout:waived', 'gateway:open']);
  });

  test('schema problems cannot be waived', () => {
    const broken = edit(golden(), 'Deployment', (d) => (container(d).imagee = 'typo'));
    expect(() => check([checked(broken, { waivers: [waiver('schema')] })], [pssPrivileged], { schema: true })).toThrow(
      "'waivers[0].rule' is not the id of a rule",
    );
  });
});
