import { Replicas } from '../../lib/model/replicas';
import { formatReport, formatReportJson } from '../../lib/policy/format-report';
import { runChecks } from '../../lib/policy/run-checks';
import { taskDef, webDef } from '../helpers';
import { checked, container, DEV, edit, golden, NOW, waiver } from './policy-helpers';

function report() {
  const privileged = edit(golden(webDef({ replicas: Replicas.fixed(1) })), 'Deployment', (d) => (container(d).securityContext.privileged = true));
  return runChecks(
    [
      checked(privileged, {
        waivers: [waiver('prod-replicas', { environment: 'prod' }), waiver('pss-host-path', { expires: '2025-01-31' }), waiver('topology-spread')],
      }),
      checked(golden(taskDef(), DEV), { environment: 'dev', name: 'report' }),
      checked(golden(webDef({ name: 'storefront', security: { writableRootFilesystem: true } }), DEV), {
        environment: 'dev',
        name: 'storefront',
        source: 'apps/shop/storefront.ts',
      }),
    ],
    { now: NOW, productionEnvironments: ['prod'] },
  );
}

describe('formatReport', () => {
  const text = formatReport(report());

  test('groups findings by environment, then app with its source file', () => {
    const lines = text.split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('prod')).toBeGreaterThan(0);
    expect(at('dev')).toBeGreaterThan(at('prod'));
    expect(lines[at('prod') + 1]).toBe('  shop/checkout  (apps/shop/checkout.ts)');
    expect(lines[at('dev') + 1]).toBe('  shop/storefront  (apps/shop/storefront.ts)');
  });

  test('shows each finding with its object, construct path, field, why and fix', () => {
    expect(text).toContain(
      "    error     pss-privileged  Deployment shop/checkout\n              container 'checkout' runs privileged\n              at prod/checkout/Deployment/checkout  field spec.template.spec.containers[0].securityContext.privileged\n              why: ",
    );
    expect(text).toContain('              fix: remove securityContext.privileged');
    expect(text).toContain('    warning   read-only-root-filesystem  Deployment shop/storefront');
  });

  test('shows waived findings with their waiver, and every waiver with its status', () => {
    expect(text).toContain('    waived    prod-replicas  Deployment shop/checkout');
    expect(text).toContain('waived by apps/shop/checkout.ts waivers[0] (owner team-shop, until 2025-12-31): accepted for the test');
    expect(text).toMatch(
      / {2}used \(1\) +apps\/shop\/checkout\.ts waivers\[0\]: prod-replicas in prod for every object of checkout; owner team-shop, until 2025-12-31/,
    );
    expect(text).toMatch(/ {2}EXPIRED +apps\/shop\/checkout\.ts waivers\[1\]: pss-host-path in every environment .* expired 2025-01-31/);
    expect(text).toMatch(/ {2}UNUSED +apps\/shop\/checkout\.ts waivers\[2\]: topology-spread/);
  });

  test('ends with the verdict and the counts', () => {
    expect(text.trimEnd().split('\n').pop()).toBe(
      'FAILED: 1 error, 1 warning, 1 waived finding; 1 expired waiver, 1 unused waiver (13 objects from 3 source files in 2 environments)',
    );
  });

  test("says 'No findings.' and PASSED for a clean run", () => {
    const clean = formatReport(runChecks([checked(golden())], { now: NOW, productionEnvironments: ['prod'] }));
    expect(clean).toContain('No findings.');
    expect(clean).toContain('PASSED: 0 errors');
  });
});

describe('formatReportJson', () => {
  test('is the report as JSON: findings, waivers and summary for machines', () => {
    const parsed = JSON.parse(formatReportJson(report()));
    expect(parsed.passed).toBe(false);
    expect(parsed.summary).toEqual({ environments: 2, sources: 3, objects: 13, errors: 1, warnings: 1, waived: 1, expiredWaivers: 1, unusedWaivers: 1 });
    expect(parsed.findings[0]).toEqual({
      rule: 'pss-privileged',
      severity: 'error',
      message: "container 'checkout' runs privileged",
      why: expect.any(String),
      fix: expect.any(String),
      environment: 'prod',
      app: 'checkout',
      team: 'shop',
      source: 'apps/shop/checkout.ts',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'checkout' },
      constructPath: 'prod/checkout/Deployment/checkout',
      field: 'spec.template.spec.containers[0].securityContext.privileged',
    });
    expect(parsed.waivers.map((w: { status: string }) => w.status)).toEqual(['used', 'expired', 'unused']);
  });
});
