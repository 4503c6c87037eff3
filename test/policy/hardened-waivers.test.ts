import { ValidationError } from '../../lib/internal/errors';
import { Waiver } from '../../lib/model/waiver';
import { CheckedApp } from '../../lib/policy/run-checks';
import { pssPrivileged } from '../../lib/policy/rules/pss-privileged';
import { readOnlyRootFilesystem } from '../../lib/policy/rules/read-only-root-filesystem';
import { topologySpread } from '../../lib/policy/rules/topology-spread';
import { expectError } from '../helpers';
import { check, checked, golden, waiver } from './policy-helpers';

/** The golden objects as a hardened app's (NOW is 2025-06-15, so 90 days out is 2025-09-13). */
function hardened(waivers: readonly Waiver[]): CheckedApp {
  const app = checked(golden(), { waivers });
  return { ...app, app: { ...app.app, hardening: { dataClass: 'pci' } } };
}

describe("a hardened app's waivers", () => {
  test('may not name a security rule', () => {
    const error = expectError<ValidationError>(() =>
      check([hardened([waiver('read-only-root-filesystem', { expires: '2025-07-01' })])], [readOnlyRootFilesystem]),
    );
    expect(error.code).toBe('E_HARDENED_WAIVER');
    expect(error.message).toBe(
      "apps/shop/checkout.ts: app 'checkout': 'waivers[0].rule' is a security rule, which a hardened app may not waive (got \"read-only-root-filesystem\"). Fix: make the objects comply, or take the app off the hardened path (a reviewed change) [E_HARDENED_WAIVER]",
    );
  });

  test('may not run more than 90 days', () => {
    const error = expectError<ValidationError>(() => check([hardened([waiver('topology-spread', { expires: '2025-09-14' })])], [topologySpread]));
    expect(error.code).toBe('E_HARDENED_WAIVER_EXPIRES');
    expect(error.message).toContain(
      "'waivers[0].expires' is more than 90 days away, the longest a hardened app's waiver may run (the latest allowed today is 2025-09-13) (got \"2025-09-14\")",
    );
  });

  test('may waive another rule for up to 90 days', () => {
    const report = check([hardened([waiver('topology-spread', { expires: '2025-09-13' })])], [topologySpread]);
    expect(report.passed).toBe(true);
    expect(report.waivers.map((w) => w.rule)).toEqual(['topology-spread']);
  });

  test('an app on the standard path may still waive a security rule for a year', () => {
    const report = check([checked(golden(), { waivers: [waiver('pss-privileged', { expires: '2026-06-15' })] })], [pssPrivileged]);
    expect(report.passed).toBe(true);
  });
});
