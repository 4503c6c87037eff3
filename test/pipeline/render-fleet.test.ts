import { renderFleet } from '../../lib/pipeline/render-fleet';
import { layoutFleet } from '../../lib/pipeline/synthesize';
import { ValidationError } from '../../lib/internal/errors';
import { expectError, sourced, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

const environments = [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })];
const fleet = [sourced(webDef({ name: 'web' })), sourced(workerDef({ name: 'mailer' })), sourced(taskDef({ name: 'report', team: 'ops' }))];

describe('renderFleet', () => {
  test('renders every app in every environment', () => {
    const rendered = renderFleet({ apps: fleet, environments });
    expect(rendered.map((r) => `${r.app.environment}/${r.app.name}`)).toEqual(['dev/report', 'dev/mailer', 'dev/web', 'prod/report', 'prod/mailer', 'prod/web']);
  });

  test('gives the same bytes whatever order the apps are registered in', () => {
    const a = layoutFleet(renderFleet({ apps: fleet, environments }));
    const b = layoutFleet(renderFleet({ apps: [...fleet].reverse(), environments }));
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  test('lays out one file per app per environment under <env>/<team>/<app>.yaml', () => {
    const files = layoutFleet(renderFleet({ apps: fleet, environments }));
    expect([...files.keys()]).toEqual(['dev/ops/report.yaml', 'dev/shop/mailer.yaml', 'dev/shop/web.yaml', 'prod/ops/report.yaml', 'prod/shop/mailer.yaml', 'prod/shop/web.yaml']);
  });

  test('takes the image pin from the release lookup', () => {
    const rendered = renderFleet({ apps: [sourced(webDef({ name: 'web', image: 'ghcr.io/acme/web' }))], environments, releases: (app, env) => (env === 'prod' ? { tag: '2.0.0' } : { tag: `${app}-dev` }) });
    expect(rendered.find((r) => r.app.environment === 'prod')!.app.image).toBe('ghcr.io/acme/web:2.0.0');
    expect(rendered.find((r) => r.app.environment === 'dev')!.app.image).toBe('ghcr.io/acme/web:web-dev');
  });

  test('fails when two apps share a name in one namespace, naming both files', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({ apps: [sourced(webDef({ name: 'web' }), 'apps/shop/web.ts'), sourced(workerDef({ name: 'web' }), 'apps/shop/web-worker.ts')], environments }),
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
    const error = expectError<ValidationError>(() => renderFleet({ apps: [sourced(webDef({ environments: { prd: {} } } as never))], environments }));
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
    const error = expectError<ValidationError>(() => renderFleet({ apps: fleet, environments: [testEnvironment({ name: 'prod' }), testEnvironment({ name: 'prod' }), testEnvironment({ name: 'Prod' })] }));
    expect(error.problems.map((p) => p.code).sort()).toEqual(['E_ENVIRONMENT_DUPLICATE', 'E_ENVIRONMENT_NAME']);
  });
});
