import { ValidationError } from '../../lib/internal/errors';
import { AppDefinition } from '../../lib/model/app-definition';
import { Environment } from '../../lib/model/environment';
import { Exposure } from '../../lib/model/exposure';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { expectError, sourced, testEnvironment, webDef } from '../helpers';

const DEV = testEnvironment({ name: 'dev', cluster: 'dev-test', domain: 'dev.acme.dev' });
const PROD = testEnvironment({ name: 'prod', domain: 'acme.dev' });

function render(apps: readonly AppDefinition[], environments: readonly Environment[] = [PROD]) {
  return renderFleet({ apps: apps.map((d) => sourced(d)), environments });
}

function clashes(apps: readonly AppDefinition[], environments?: readonly Environment[]) {
  const error = expectError<ValidationError>(() => render(apps, environments));
  expect(error).toBeInstanceOf(ValidationError);
  return error.problems.filter((p) => p.code === 'E_HOST_CLASH');
}

describe('checkUniqueHosts (renderFleet)', () => {
  test('fails when two apps claim the same host and path, naming both apps and their files', () => {
    const storefront = webDef({ name: 'storefront', expose: Exposure.public({ host: 'shop' }) });
    const landing = webDef({ name: 'landing', team: 'marketing', image: 'ghcr.io/acme/landing:1.0.0', expose: Exposure.public({ host: 'shop' }) });
    const error = expectError<ValidationError>(() => render([storefront, landing]));
    expect(error.code).toBe('E_HOST_CLASH');
    expect(error.problems).toHaveLength(1);
    const [problem] = error.problems;
    // Apps are resolved team by team, so marketing/landing comes first and shop/storefront is reported.
    expect(problem).toMatchObject({ source: 'apps/shop/storefront.ts', app: 'storefront', environment: 'prod', field: 'expose', value: 'shop.acme.dev/' });
    expect(error.message).toBe(
      "apps/shop/storefront.ts: app 'storefront': environment 'prod': 'expose' claims host 'shop.acme.dev' and path '/', which app 'landing' (apps/marketing/landing.ts) claims too (got \"shop.acme.dev/\"). Fix: give one of the two apps another host (expose.host) or path (expose.paths) [E_HOST_CLASH]",
    );
  });

  test('reports the clash in every environment, each with its own host', () => {
    const a = webDef({ name: 'a', expose: Exposure.public({ host: 'www' }) });
    const b = webDef({ name: 'b', expose: Exposure.public({ host: 'www', paths: ['/docs', '/'] }) });
    expect(clashes([a, b], [DEV, PROD]).map((p) => [p.environment, p.value])).toEqual([
      ['dev', 'www.dev.acme.dev/'],
      ['prod', 'www.acme.dev/'],
    ]);
  });

  test("sees the app's name as a host: a default host clashes with an explicit one", () => {
    const shop = webDef({ name: 'shop', expose: Exposure.public() });
    const other = webDef({ name: 'other', expose: Exposure.public({ host: 'shop' }) });
    expect(clashes([shop, other]).map((p) => p.app)).toEqual(['shop']);
  });

  test('treats a path with and without a trailing slash as one claim', () => {
    const a = webDef({ name: 'a', expose: Exposure.public({ host: 'www', paths: ['/api'] }) });
    const b = webDef({ name: 'b', expose: Exposure.public({ host: 'www', paths: ['/api/'] }) });
    expect(clashes([a, b]).map((p) => p.message)).toEqual(["claims host 'www.acme.dev' and path '/api/', which app 'a' (apps/shop/a.ts) claims too"]);
  });

  test("names an environment's exposure override as the field when that is what claims the host", () => {
    const a = webDef({ name: 'a', expose: Exposure.public({ host: 'www' }) });
    const b = webDef({ name: 'b', environments: { prod: { expose: Exposure.public({ host: 'www' }) } } });
    const [clash, ...others] = clashes([a, b], [DEV, PROD]);
    expect(others).toEqual([]);
    expect(clash).toMatchObject({ environment: 'prod', app: 'b', field: 'environments.prod.expose' });
    expect(clash.fix).toBe('give one of the two apps another host (environments.prod.expose.host) or path (environments.prod.expose.paths)');
  });

  test('catches a clash on the bare domain', () => {
    const a = webDef({ name: 'a', expose: Exposure.public({ host: '@' }) });
    const b = webDef({ name: 'b', expose: Exposure.public({ host: '@' }) });
    expect(clashes([a, b]).map((p) => p.value)).toEqual(['acme.dev/']);
  });

  test('allows one host split by path between apps', () => {
    const web = webDef({ name: 'web', expose: Exposure.public({ host: 'shop' }) });
    const api = webDef({ name: 'api', expose: Exposure.public({ host: 'shop', paths: ['/api'] }) });
    expect(render([web, api]).map((r) => r.app.exposure?.host)).toEqual(['shop.acme.dev', 'shop.acme.dev']);
  });

  test('keeps environments apart, even when they share a domain (one cluster each)', () => {
    const blue = testEnvironment({ name: 'blue', cluster: 'blue', domain: 'acme.dev' });
    const green = testEnvironment({ name: 'green', cluster: 'green', domain: 'acme.dev' });
    const a = webDef({ name: 'a', expose: Exposure.public({ host: 'www' }) });
    expect(render([a, webDef({ name: 'b' })], [blue, green]).map((r) => `${r.app.environment} ${r.app.exposure?.host ?? 'internal'}`)).toEqual([
      'blue www.acme.dev',
      'blue internal',
      'green www.acme.dev',
      'green internal',
    ]);
  });
});

describe('default hosts of apps with one name in two teams', () => {
  test('clash with a fix that names a host of its own, since the default stays <app>.<domain>', () => {
    const shop = webDef({ name: 'frontend', expose: Exposure.public() });
    const bank = webDef({ name: 'frontend', team: 'bank', expose: Exposure.public() });
    const [clash] = clashes([shop, bank]);
    expect(clash).toMatchObject({ source: 'apps/shop/frontend.ts', value: 'frontend.acme.dev/' });
    expect(clash.message).toBe("claims host 'frontend.acme.dev' and path '/', which app 'frontend' (apps/bank/frontend.ts) claims too");
    expect(clash.fix).toBe(
      "the host defaults to the app's name: give this one its own, e.g. expose: Exposure.public({ host: 'frontend-shop' }) or ({ fqdn: '...' })",
    );
  });

  test('do not clash once one has a name of its own', () => {
    const shop = webDef({ name: 'frontend', expose: Exposure.public({ fqdn: 'shop.acme.com' }) });
    const bank = webDef({ name: 'frontend', team: 'bank', expose: Exposure.public() });
    expect(render([shop, bank]).map((r) => r.app.exposure?.host)).toEqual(['frontend.acme.dev', 'shop.acme.com']);
  });
});
