import { renderFleet } from '../../lib/pipeline/render-fleet';
import { layoutFleet } from '../../lib/pipeline/layout-fleet';
import { ValidationError } from '../../lib/internal/errors';
import { expectError, sourced, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

const environments = [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })];
const fleet = [sourced(webDef({ name: 'web' })), sourced(workerDef({ name: 'mailer' })), sourced(taskDef({ name: 'report', team: 'ops' }))];

describe('renderFleet', () => {
  test('renders every app in every environment', () => {
    const rendered = renderFleet({ apps: fleet, environments });
    expect(rendered.map((r) => `${r.app.environment}/${r.app.name}`)).toEqual([
      'dev/report',
      'dev/mailer',
      'dev/web',
      'prod/report',
      'prod/mailer',
      'prod/web',
    ]);
  });

  test('gives the same bytes whatever order the apps are registered in', () => {
    const a = layoutFleet(renderFleet({ apps: fleet, environments }));
    const b = layoutFleet(renderFleet({ apps: [...fleet].reverse(), environments }));
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  test('lays out one file per app per environment under <env>/<team>/<app>.yaml', () => {
    const files = layoutFleet(renderFleet({ apps: fleet, environments }));
    const envFiles = [...files.keys()].filter((p) => /^(dev|prod)\//.test(p) && !p.endsWith('kustomization.yaml'));
    expect(envFiles).toEqual([
      'dev/ops/report.yaml',
      'dev/shop/mailer.yaml',
      'dev/shop/web.yaml',
      'prod/ops/report.yaml',
      'prod/shop/mailer.yaml',
      'prod/shop/web.yaml',
    ]);
  });

  test('takes the image pin from the release lookup', () => {
    const rendered = renderFleet({
      apps: [sourced(webDef({ name: 'web', image: 'ghcr.io/acme/web' }))],
      environments,
      releases: (_team, app, env) => (env === 'prod' ? { tag: '2.0.0' } : { tag: `${app}-dev` }),
    });
    expect(rendered.find((r) => r.app.environment === 'prod')!.app.image).toBe('ghcr.io/acme/web:2.0.0');
    expect(rendered.find((r) => r.app.environment === 'dev')!.app.image).toBe('ghcr.io/acme/web:web-dev');
  });

  test('adds a kustomization to every environment and team folder', () => {
    const files = layoutFleet(renderFleet({ apps: fleet, environments }));
    expect([...files.keys()].filter((p) => p.endsWith('kustomization.yaml'))).toEqual([
      'dev/kustomization.yaml',
      'dev/ops/kustomization.yaml',
      'dev/shop/kustomization.yaml',
      'prod/kustomization.yaml',
      'prod/ops/kustomization.yaml',
      'prod/shop/kustomization.yaml',
    ]);
  });

  test('fails when two apps share a name in one namespace, naming both files', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({
        apps: [sourced(webDef({ name: 'web' }), 'apps/shop/web.ts'), sourced(workerDef({ name: 'web' }), 'apps/shop/web-worker.ts')],
        environments,
      }),
    );
    expect(error.code).toBe('E_DUPLICATE_APP');
    expect(error.message).toContain('apps/shop/web-worker.ts');
    expect(error.message).toContain('apps/shop/web.ts');
    expect(error.message).toContain("namespace 'shop'");
  });

  test('allows one name in two namespaces', () => {
    const rendered = renderFleet({ apps: [sourced(webDef({ name: 'web', team: 'shop' })), sourced(webDef({ name: 'web', team: 'ops' }))], environments });
    expect(rendered).toHaveLength(4);
  });

  test('fails on an override for an environment that does not exist', () => {
    const error = expectError<ValidationError>(() => renderFleet({ apps: [sourced(webDef({ environments: { prd: {} } }))], environments }));
    expect(error.code).toBe('E_UNKNOWN_ENVIRONMENT');
    expect(error.message).toMatch(/'environments\.prd' overrides an environment that does not exist \(known: dev, prod\)/);
  });

  test('reports the problems of every app at once, merging ones repeated in every environment', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({ apps: [sourced(webDef({ name: 'Web' })), sourced(workerDef({ name: 'mailer', image: 'ghcr.io/acme/mailer:latest' }))], environments }),
    );
    expect(error.problems.map((p) => [p.code, p.environment])).toEqual([
      ['E_NAME', 'dev, prod'],
      ['E_IMAGE', 'dev, prod'],
    ]);
  });

  test('fails on environments with duplicate or invalid names', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({ apps: fleet, environments: [testEnvironment({ name: 'prod' }), testEnvironment({ name: 'prod' }), testEnvironment({ name: 'Prod' })] }),
    );
    expect(error.problems.map((p) => p.code).sort()).toEqual(['E_ENVIRONMENT_DUPLICATE', 'E_ENVIRONMENT_NAME']);
  });

  test('a duplicate environment name says why it is wrong and which name to change', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({ apps: fleet, environments: [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'dev' })] }),
    );
    expect(error.code).toBe('E_ENVIRONMENT_DUPLICATE');
    expect(error.message).toBe(
      `apps/environments.ts: 'environments.name' is declared by two environments, so pins, overrides and dist/ folders could not tell them apart (got "dev"). Fix: rename one of the 'dev' environments, or remove it [E_ENVIRONMENT_DUPLICATE]`,
    );
  });
});

describe('environment checks', () => {
  test('reports a bad profile once, against apps/environments.ts, not against every app', () => {
    const env = testEnvironment({
      name: 'prod',
      profile: { maxUnavailable: 0, resources: { memory: '500mi' }, webServiceReplicas: { kind: 'autoscale', min: 5, max: 3 } },
    });
    const error = expectError<ValidationError>(() => renderFleet({ apps: fleet, environments: [env] }));
    expect(error.problems.map((p) => [p.source, p.field, p.code])).toEqual([
      ['apps/environments.ts', 'profile.webServiceReplicas.min', 'E_REPLICAS'],
      ['apps/environments.ts', 'profile.resources.memory', 'E_QUANTITY'],
      ['apps/environments.ts', 'profile.maxUnavailable', 'E_PROFILE'],
    ]);
    expect(error.message).toContain(
      "apps/environments.ts: environment 'prod': 'profile.maxUnavailable' must be a whole number of at least 1 (0 would block every node drain) (got 0). Fix: use 1",
    );
  });

  test("rejects an environment named like one of dist/'s own folders", () => {
    const error = expectError<ValidationError>(() => renderFleet({ apps: fleet, environments: [testEnvironment({ name: 'argocd' })] }));
    expect(error.message).toContain("'environments.name' is reserved: dist/argocd/ holds the platform's own files");
  });

  test('rejects a namespace pattern without {team} or one that makes invalid names', () => {
    for (const namespacePattern of ['shared', '{team}_{env}']) {
      const error = expectError<ValidationError>(() => renderFleet({ apps: fleet, environments: [testEnvironment({ namespacePattern })] }));
      expect(error.problems.map((p) => p.code)).toEqual(['E_NAMESPACE_PATTERN']);
    }
  });
});

describe('object clashes', () => {
  test("fails when an app renders an object another app renders too (a dashboard named like another app's ConfigMap)", () => {
    const monitored = sourced(webDef({ name: 'checkout', metricsPort: 9090 }));
    const clashing = sourced(webDef({ name: 'checkout-dashboard', config: { A: '1' } }));
    const error = expectError<ValidationError>(() => renderFleet({ apps: [monitored, clashing], environments: [testEnvironment()] }));
    expect(error.code).toBe('E_OBJECT_CLASH');
    expect(error.message).toContain(
      "apps/shop/checkout-dashboard.ts: app 'checkout-dashboard': environment 'prod': 'name' renders ConfigMap shop/checkout-dashboard, which apps/shop/checkout.ts renders too",
    );
  });
});
