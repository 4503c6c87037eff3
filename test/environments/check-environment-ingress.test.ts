import { checkEnvironment } from '../../lib/environments/check-environment';
import { formatProblem, Problem, Problems } from '../../lib/internal/errors';
import { Environment } from '../../lib/model/environment';
import { EnvironmentIngress } from '../../lib/model/environment-ingress';
import { testEnvironment } from '../helpers';

/** The problems checkEnvironment finds in an environment with these ingress settings (and domain). */
function problemsOf(ingress: EnvironmentIngress | undefined, overrides: Partial<Environment> = {}): Problem[] {
  const problems = new Problems();
  checkEnvironment(testEnvironment({ ingress, ...overrides }), problems);
  return [...problems.all];
}

function only(problems: Problem[]): Problem {
  expect(problems.map((p) => `${p.code} ${p.field}`)).toHaveLength(1);
  return problems[0];
}

describe('checkEnvironment: ingress settings', () => {
  test('accepts no settings (the platform defaults)', () => {
    expect(problemsOf(undefined)).toEqual([]);
  });

  test('accepts full ingress-mode settings', () => {
    expect(problemsOf({ mode: 'ingress', className: 'nginx-public', controllerNamespace: 'edge', clusterIssuer: 'letsencrypt-prod' })).toEqual([]);
  });

  test('accepts gateway mode with a Gateway, listener and proxy namespace', () => {
    expect(
      problemsOf({ mode: 'gateway', gateway: { name: 'public', namespace: 'gateway', sectionName: 'https', proxyNamespace: 'envoy-gateway-system' } }),
    ).toEqual([]);
  });

  test('reports a bad mode against apps/environments.ts, naming the environment, value and fix', () => {
    const p = only(problemsOf({ mode: 'nginx' as never }));
    expect(p).toMatchObject({ code: 'E_INGRESS_SETTING', source: 'apps/environments.ts', environment: 'prod', field: 'ingress.mode', value: 'nginx' });
    expect(formatProblem(p)).toBe(
      "apps/environments.ts: environment 'prod': 'ingress.mode' must be 'ingress' or 'gateway' (got \"nginx\"). Fix: fix environments.prod.ingress.mode in apps/environments.ts, e.g. 'ingress' [E_INGRESS_SETTING]",
    );
  });

  test.each([
    ['className', { className: 'Nginx' }, 'must be lowercase'],
    ['clusterIssuer', { clusterIssuer: 'lets encrypt' }, 'must be a DNS name'],
    ['controllerNamespace', { controllerNamespace: 'ingress.nginx' }, "may contain only lowercase letters, digits and '-'"],
  ] as const)('reports a bad %s', (key, settings, message) => {
    const p = only(problemsOf(settings));
    expect(p).toMatchObject({ code: 'E_INGRESS_SETTING', field: `ingress.${key}`, value: (settings as Record<string, string>)[key] });
    expect(p.message).toContain(message);
  });

  test('requires a Gateway in gateway mode', () => {
    const p = only(problemsOf({ mode: 'gateway' }));
    expect(p).toMatchObject({ code: 'E_INGRESS_SETTING', field: 'ingress.gateway', value: null });
    expect(p.message).toBe('is required in gateway mode: it names the Gateway every HTTPRoute attaches to');
    expect(p.fix).toContain("{ name: 'public', namespace: 'gateway' }");
  });

  test("requires the Gateway's name and namespace, and checks its listener name", () => {
    const problems = problemsOf({ mode: 'gateway', gateway: { sectionName: 'HTTPS' } as never });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'ingress.gateway.name: is required',
      'ingress.gateway.namespace: is required',
      'ingress.gateway.sectionName: must be lowercase',
    ]);
  });

  test('refuses ingress-mode settings in gateway mode, where they would do nothing', () => {
    const problems = problemsOf({ mode: 'gateway', clusterIssuer: 'letsencrypt', gateway: { name: 'public', namespace: 'gateway' } });
    const p = only(problems);
    expect(p).toMatchObject({ code: 'E_INGRESS_SETTING', field: 'ingress.clusterIssuer', value: 'letsencrypt' });
    expect(p.message).toContain('has no effect in gateway mode');
  });

  test('refuses a Gateway in ingress mode (the likely mistake: the mode was forgotten)', () => {
    const p = only(problemsOf({ gateway: { name: 'public', namespace: 'gateway' } }));
    expect(p).toMatchObject({ code: 'E_INGRESS_SETTING', field: 'ingress.gateway' });
    expect(p.fix).toContain("ingress.mode: 'gateway'");
  });

  test('reports a domain that cannot end a host name', () => {
    const p = only(problemsOf(undefined, { domain: 'Acme.dev' }));
    expect(p).toMatchObject({ code: 'E_ENVIRONMENT', field: 'domain', value: 'Acme.dev', message: 'must be lowercase' });
  });
});
