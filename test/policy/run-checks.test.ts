import { Replicas } from '../../lib/model/replicas';
import { GOLDEN_PATH_PACK } from '../../lib/policy/pack';
import { Rule } from '../../lib/policy/rule';
import { runChecks } from '../../lib/policy/run-checks';
import { taskDef, webDef, workerDef } from '../helpers';
import { checked, container, DEV, edit, golden, NOW, PROD } from './policy-helpers';

function goldenFleet() {
  return [PROD, DEV].flatMap((env) => [
    checked(golden(webDef({ config: { ORDER_TIMEOUT: '10s' } }), env), { environment: env.name }),
    checked(golden(workerDef({ healthPort: 8081 }), env), { environment: env.name, name: 'mailer' }),
    checked(golden(taskDef(), env), { environment: env.name, name: 'report' }),
  ]);
}

describe('runChecks', () => {
  test('finds nothing in what the golden-path stacks synthesize, in prod and dev', () => {
    const report = runChecks(goldenFleet(), { now: NOW, productionEnvironments: ['prod'] });
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report).toMatchObject({ kubernetesVersion: '1.28.0', date: '2025-06-15', environments: ['prod', 'dev'], rules: GOLDEN_PATH_PACK.map((r) => r.id) });
    expect(report.summary).toMatchObject({ environments: 2, sources: 3, errors: 0, warnings: 0 });
  });

  test('has at least 35 rules, each with a stable kebab-case id, one-line texts and a severity', () => {
    expect(GOLDEN_PATH_PACK.length).toBeGreaterThanOrEqual(35);
    expect(new Set(GOLDEN_PATH_PACK.map((r) => r.id)).size).toBe(GOLDEN_PATH_PACK.length);
    for (const rule of GOLDEN_PATH_PACK) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(rule.severity);
      for (const text of [rule.finding, rule.why, rule.fix]) expect(text).toMatch(/^[^\n]{10,}$/);
    }
  });

  test('validates schemas first, and leaves invalid objects out of the rules', () => {
    const broken = edit(golden(), 'Deployment', (d) => (container(d).securityContext.privilegd = true));
    const report = runChecks([checked(broken)], { now: NOW, productionEnvironments: ['prod'] });
    expect(report.findings.map((f) => `${f.rule} ${f.object.kind} ${f.field}`)).toContain(
      'schema Deployment spec.template.spec.containers[0].securityContext.privilegd',
    );
    expect(report.findings.find((f) => f.rule === 'schema')).toMatchObject({ severity: 'error', message: "unknown field 'privilegd'" });
    expect(report.passed).toBe(false);
  });

  test('names each object by construct path and source file, and sorts by object then rule', () => {
    const objects = edit(golden(webDef({ replicas: Replicas.fixed(1) })), 'Deployment', (d) => (container(d).image = 'ghcr.io/acme/checkout'));
    const report = runChecks([checked(objects)], { now: NOW, productionEnvironments: ['prod'] });
    expect(report.findings.map((f) => f.rule)).toEqual(['image-tag-or-digest', 'prod-replicas']);
    expect(report.findings[0]).toMatchObject({
      environment: 'prod',
      app: 'checkout',
      team: 'shop',
      source: 'apps/shop/checkout.ts',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'checkout' },
      constructPath: 'prod/checkout/Deployment/checkout',
    });
  });

  test('lets warnings through and fails on errors', () => {
    const warned = runChecks([checked(golden(webDef({ security: { writableRootFilesystem: true } })))], { now: NOW, productionEnvironments: ['prod'] });
    expect(warned.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(warned.passed).toBe(true);
  });

  test('checks cross-object rules within one environment only', () => {
    // The Service in prod has no pods in prod; the matching pods are in dev.
    const service = golden().filter((m) => m.kind === 'Service');
    const pods = golden(webDef(), DEV).filter((m) => m.kind !== 'Service');
    const report = runChecks([checked(service), checked(pods, { environment: 'dev' })], { now: NOW, productionEnvironments: ['prod'] });
    expect(report.findings.filter((f) => f.rule === 'service-selects-pods').map((f) => f.environment)).toEqual(['prod']);
  });

  test('stays fast: 300 apps in 3 environments (about 5,000 objects) in a few seconds', () => {
    const web = golden();
    const apps = ['dev', 'staging', 'prod'].flatMap((environment) =>
      Array.from({ length: 100 }, (_, i) => {
        const name = `app-${i}`;
        const renamed = JSON.parse(JSON.stringify(web).replace(/"checkout"/g, `"${name}"`));
        return checked(renamed, { environment, name, source: `apps/shop/${name}.ts` });
      }),
    );
    const started = Date.now();
    const report = runChecks(apps, { now: NOW, productionEnvironments: ['prod'] });
    expect(report.summary.objects).toBe(apps.length * web.length);
    expect(report.passed).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('names the rule and the object when a rule throws, object and environment rules alike', () => {
    const info = { severity: 'error' as const, finding: 'finds things', why: 'matters much', fix: 'fix the rule' };
    const objectRule: Rule = {
      id: 'throws-on-service',
      scope: 'object',
      ...info,
      check: (o) => {
        if (o.kind === 'Service') throw new TypeError('no port');
        return [];
      },
    };
    const environmentRule: Rule = {
      id: 'throws-always',
      scope: 'environment',
      ...info,
      check: () => {
        throw new Error('boom');
      },
    };
    const run = (rule: Rule) => () => runChecks([checked(golden())], { now: NOW, productionEnvironments: ['prod'], rules: [rule] });
    expect(run(objectRule)).toThrow(/^bug: policy rule 'throws-on-service' failed on Service shop\/checkout: no port$/);
    expect(run(environmentRule)).toThrow("bug: policy rule 'throws-always' failed: boom");
  });
});
