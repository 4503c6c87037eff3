import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReleases, readReleases } from '../../lib/environments/releases';
import { ConfigFileError } from '../../lib/internal/errors';
import { expectError, sourced, testEnvironment, webDef } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

const fleet = {
  apps: [sourced(webDef({ name: 'web', team: 'shop', image: 'ghcr.io/acme/web' })), sourced(webDef({ name: 'api', team: 'ops', image: 'ghcr.io/acme/api' }))],
  environments: [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })],
};
const DIGEST = `sha256:${'ab'.repeat(32)}`;

function problem(text: string): ConfigFileError {
  return expectError<ConfigFileError>(() => parseReleases(text, 'apps/releases.yaml', fleet));
}

describe('the releases file', () => {
  test('gives the pin of each app in each environment', () => {
    const text = ['shop:', '  web:', '    dev: 1.1.0', `    prod: "1.0@${DIGEST}"`, 'ops:', '  api:', `    prod: "@${DIGEST}"`, ''].join('\n');
    const releases = parseReleases(text, 'apps/releases.yaml', fleet);
    expect(releases.pin('shop', 'web', 'dev')).toEqual({ tag: '1.1.0' });
    expect(releases.pin('shop', 'web', 'prod')).toEqual({ tag: '1.0', digest: DIGEST });
    expect(releases.pin('ops', 'api', 'prod')).toEqual({ digest: DIGEST });
    expect(releases.pin('ops', 'api', 'dev')).toBeUndefined();
  });

  test('fails on a value of the wrong type, with file:line:column and the fix', () => {
    const error = problem('shop:\n  web:\n    dev: 1.10\n');
    expect(error.code).toBe('E_RELEASES');
    expect(error.message).toBe('apps/releases.yaml:3:10: \'shop.web.dev\' must be a string (got number 1.1). Fix: quote it, e.g. "1.1"');
  });

  test("fails on an unknown app, naming the team's apps", () => {
    expect(problem('shop:\n  web:\n    dev: 1.0.0\n  cart:\n    dev: 1.0.0\n').message).toBe(
      "apps/releases.yaml:4:3: app 'shop/cart' is not in the fleet (team 'shop' has: web). Fix: correct the name, or remove the entry of an app that was deleted",
    );
  });

  test('fails on an unknown environment', () => {
    expect(problem('shop:\n  web:\n    prd: 1.0.0\n').message).toBe(
      "apps/releases.yaml:3:5: environment 'prd' does not exist (known: dev, prod). Fix: use one of the known environments",
    );
  });

  test("fails on the tag 'latest'", () => {
    expect(problem('shop:\n  web:\n    prod: latest\n').message).toMatch(
      /^apps\/releases\.yaml:3:11: 'shop\.web\.prod' \("latest"\) uses the tag 'latest', which is mutable.*Fix: pin a version tag or a digest$/,
    );
  });

  test('fails on a malformed digest', () => {
    expect(problem('shop:\n  web:\n    prod: "1.0@sha256:abc"\n').message).toContain(
      "has a malformed digest 'sha256:abc'. Fix: use 'sha256:' followed by 64 lowercase hex digits",
    );
  });

  test('fails on a duplicate key', () => {
    const error = problem('shop:\n  web:\n    dev: 1.0.0\n    dev: 1.0.1\n');
    expect(error.message).toMatch(/^apps\/releases\.yaml:4:5: Map keys must be unique\. Fix: keep one entry per key$/);
  });

  test('reports every problem at once', () => {
    const error = problem('shop:\n  web:\n    dev: latest\n    prod: 1.5\n');
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message).toMatch(/^2 problems in apps\/releases\.yaml:/);
  });

  test('fails with a fix when the file is missing', () => {
    const dir = tempDir('releases-');
    const error = expectError<ConfigFileError>(() => readReleases(join(dir, 'apps/releases.yaml'), fleet, dir));
    expect(error.code).toBe('E_RELEASES_MISSING');
    expect(error.message).toBe("apps/releases.yaml: not found. Fix: create it, e.g. with 'platform set-image <app> --env <env> --tag <tag>'");
  });

  test('reads a file from disk', () => {
    const dir = tempDir('releases-');
    writeFileSync(join(dir, 'releases.yaml'), 'shop:\n  web:\n    dev: 2.0.0\n');
    expect(readReleases(join(dir, 'releases.yaml'), fleet, dir).pin('shop', 'web', 'dev')).toEqual({ tag: '2.0.0' });
  });

  test('accepts an empty file', () => {
    expect(parseReleases('{}\n', 'r.yaml', fleet).pin('shop', 'web', 'dev')).toBeUndefined();
  });
});

describe('the releases file: sidecar and init container pins', () => {
  const withProxy = {
    ...fleet,
    apps: [
      ...fleet.apps,
      sourced(webDef({ name: 'cart', team: 'shop', image: 'ghcr.io/acme/cart', sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy' }] })),
    ],
  };

  test("gives an app's container pins under `containers`, by name", () => {
    const text = 'shop:\n  cart:\n    dev: 1.0.0\n  cart/proxy:\n    dev: 2.0.0\n    prod: 2.1.0\n';
    const releases = parseReleases(text, 'apps/releases.yaml', withProxy);
    expect(releases.pin('shop', 'cart', 'dev')).toEqual({ tag: '1.0.0', containers: { proxy: { tag: '2.0.0' } } });
    expect(releases.pin('shop', 'cart', 'prod')).toEqual({ containers: { proxy: { tag: '2.1.0' } } });
    expect(releases.pin('shop', 'web', 'dev')).toBeUndefined();
  });

  test('fails on a container the app does not declare, naming those it does', () => {
    const error = expectError<ConfigFileError>(() => parseReleases('shop:\n  cart/prox:\n    dev: 1.0.0\n', 'apps/releases.yaml', withProxy));
    expect(error.message).toBe(
      "apps/releases.yaml:2:3: container 'prox' is not a sidecar or init container of 'shop/cart' (it has: proxy). Fix: correct the name, or remove the entry of a container that was deleted",
    );
  });

  test('fails on a container of an app that is not in the fleet', () => {
    expect(problem('shop:\n  gone/proxy:\n    dev: 1.0.0\n').message).toBe(
      "apps/releases.yaml:2:3: app 'shop/gone' is not in the fleet (team 'shop' has: web). Fix: correct the name, or remove the entry of an app that was deleted",
    );
  });
});

describe('the releases file: every problem at once, each saying what is wrong', () => {
  test('an invalid environment name names the known environments, not an empty pin', () => {
    const error = problem('shop:\n  web:\n    dev: 1.0.0\n    QA: 1.0.0\n');
    expect(error.code).toBe('E_RELEASES');
    expect(error.message).toBe(
      "apps/releases.yaml:4:5: 'QA' under 'shop.web' is not a valid environment name (known: dev, prod). Fix: use one of the known environments",
    );
  });

  test('a pin that is a mapping or empty says so, and an unknown environment beside it is reported too', () => {
    const error = problem('shop:\n  web:\n    dev: {tag: 1}\n    prod:\n    qa: 1.0.0\n');
    expect(error.message).toBe(
      [
        '3 problems in apps/releases.yaml:',
        "  - apps/releases.yaml:3:10: 'shop.web.dev' must be a pin such as '1.4.2' (got a mapping). Fix: write the tag or digest as a string, or remove the entry",
        "  - apps/releases.yaml:4:10: 'shop.web.prod' must be a pin such as '1.4.2' (got nothing). Fix: write the tag or digest as a string, or remove the entry",
        "  - apps/releases.yaml:5:5: environment 'qa' does not exist (known: dev, prod). Fix: use one of the known environments",
      ].join('\n'),
    );
  });

  test('an environment declared twice is listed once among the known ones', () => {
    const twice = { ...fleet, environments: [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })] };
    const error = expectError<ConfigFileError>(() => parseReleases('shop:\n  web:\n    qa: 1.0.0\n', 'apps/releases.yaml', twice));
    expect(error.message).toBe("apps/releases.yaml:3:5: environment 'qa' does not exist (known: dev, prod). Fix: use one of the known environments");
  });
});
