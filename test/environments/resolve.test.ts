import { LABEL } from '../../lib/internal/labels';
import { ValidationError } from '../../lib/internal/errors';
import { resolveApp } from '../../lib/environments/resolve';
import { expectError, resolve, resolvedEnvironment, sourced, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('resolveApp: identity', () => {
  test('copies the environment, cluster, domain and source onto the app', () => {
    const app = resolve(webDef(), testEnvironment({ name: 'staging', cluster: 'eu-1', domain: 'staging.acme.dev' }));
    expect(app.environment).toBe('staging');
    expect(app.cluster).toBe('eu-1');
    expect(app.domain).toBe('staging.acme.dev');
    expect(app.source).toBe('apps/shop/checkout.ts');
    expect(app.kind).toBe('web-service');
    expect(app.name).toBe('checkout');
    expect(app.team).toBe('shop');
  });

  test("defaults the namespace to the team's name", () => {
    const app = resolve(webDef());
    expect(app.namespace).toBe('shop');
    expect(app.provenance.namespace).toBe('platform');
  });

  test("fills the environment's namespace pattern with the team and environment", () => {
    const app = resolve(webDef(), testEnvironment({ namespacePattern: '{team}-{env}' }));
    expect(app.namespace).toBe('shop-prod');
    expect(app.provenance.namespace).toBe('environment');
  });
});

describe('resolveApp: labels and annotations', () => {
  test('labels every object with the standard labels, the team and the environment', () => {
    expect(resolve(webDef()).labels).toEqual({
      'app.kubernetes.io/name': 'checkout',
      'app.kubernetes.io/instance': 'checkout',
      'app.kubernetes.io/version': '1.2.3',
      'app.kubernetes.io/component': 'server',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'golden-path',
      team: 'shop',
      environment: 'prod',
    });
  });

  test('sorts the labels by key, so output is stable', () => {
    const keys = Object.keys(resolve(webDef(), testEnvironment({ labels: { zone: 'a', 'cost-center': '42' } })).labels);
    expect(keys).toEqual([...keys].sort());
  });

  test.each([
    ['web service', webDef(), 'server'],
    ['worker', workerDef(), 'worker'],
    ['scheduled task', taskDef(), 'task'],
  ])('sets the component of a %s', (_kind, def, component) => {
    expect(resolve(def).labels[LABEL.component]).toBe(component);
  });

  test('sets part-of from partOf when given', () => {
    expect(resolve(webDef({ partOf: 'storefront' })).labels[LABEL.partOf]).toBe('storefront');
  });

  test("adds the environment's labels but never lets them replace the platform's", () => {
    const labels = resolve(webDef(), testEnvironment({ labels: { 'cost-center': '42', [LABEL.name]: 'hijacked', team: 'other' } })).labels;
    expect(labels['cost-center']).toBe('42');
    expect(labels[LABEL.name]).toBe('checkout');
    expect(labels.team).toBe('shop');
  });

  test('selects pods by name and instance only, never by version', () => {
    expect(resolve(webDef()).selector).toEqual({ 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' });
  });

  test('annotates every object with its source file, plus the environment annotations', () => {
    const app = resolve(webDef(), testEnvironment({ annotations: { 'acme.dev/owner': 'shop@acme.dev' } }));
    expect(app.annotations).toEqual({ 'acme.dev/owner': 'shop@acme.dev', 'platform.golden-path.dev/source': 'apps/shop/checkout.ts' });
  });
});

describe('resolveApp: environment variables and config', () => {
  test("sets LOG_LEVEL to the platform's 'info' by default", () => {
    const app = resolve(webDef());
    expect(app.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(app.provenance['env.LOG_LEVEL']).toBe('platform');
  });

  test("takes LOG_LEVEL from the environment's profile", () => {
    const app = resolve(webDef(), testEnvironment({ profile: { logLevel: 'debug' } }));
    expect(app.env).toEqual([{ name: 'LOG_LEVEL', value: 'debug' }]);
    expect(app.provenance['env.LOG_LEVEL']).toBe('environment');
  });

  test('merges env key by key: profile < app < override, sorted by name', () => {
    const app = resolve(
      webDef({
        env: { ZONE: 'eu', LOG_LEVEL: 'warn', FEATURE: 'off' },
        environments: { prod: { env: { FEATURE: 'on' } }, staging: { env: { ZONE: 'us' } } },
      }),
      testEnvironment({ profile: { logLevel: 'debug' } }),
    );
    expect(app.env).toEqual([
      { name: 'FEATURE', value: 'on' },
      { name: 'LOG_LEVEL', value: 'warn' },
      { name: 'ZONE', value: 'eu' },
    ]);
    expect(app.provenance['env.FEATURE']).toBe('override');
    expect(app.provenance['env.LOG_LEVEL']).toBe('app');
    expect(app.provenance['env.ZONE']).toBe('app');
  });

  test('has no config when the app declares none', () => {
    expect(resolve(webDef()).config).toBeUndefined();
  });

  test("merges config key by key, the override over the app's, sorted by key", () => {
    const app = resolve(webDef({ config: { B_URL: 'b', A_URL: 'a' }, environments: { prod: { config: { B_URL: 'b-prod', C: 'c' } } } }));
    expect(app.config).toEqual({ A_URL: 'a', B_URL: 'b-prod', C: 'c' });
    expect(Object.keys(app.config!)).toEqual(['A_URL', 'B_URL', 'C']);
    expect(app.provenance['config.A_URL']).toBe('app');
    expect(app.provenance['config.B_URL']).toBe('override');
  });

  test('applies only the override for this environment', () => {
    const def = webDef({ config: { URL: 'shared' }, environments: { staging: { config: { URL: 'staging' } } } });
    expect(resolve(def).config).toEqual({ URL: 'shared' });
    expect(resolve(def, testEnvironment({ name: 'staging' })).config).toEqual({ URL: 'staging' });
  });

  test('has config when only an override declares it', () => {
    expect(resolve(webDef({ environments: { prod: { config: { URL: 'x' } } } })).config).toEqual({ URL: 'x' });
  });

  test('fails when an env or config key is not a valid variable name', () => {
    expectProblem(() => resolve(webDef({ env: { '1BAD': 'x' } })), {
      code: 'E_ENV_NAME',
      field: 'env.1BAD',
      value: '1BAD',
      message: 'is not a valid environment variable name',
      fix: 'not starting with a digit',
    });
    expectProblem(() => resolve(webDef({ config: { 'HAS SPACE': 'x' } })), {
      code: 'E_ENV_NAME',
      field: 'config.HAS SPACE',
      value: 'HAS SPACE',
      fix: 'use letters',
    });
  });
});

describe('resolveApp: names', () => {
  test.each([
    ['has uppercase', 'Checkout', 'must be lowercase'],
    ['is over 63 characters', 'a'.repeat(64), 'must be at most 63 characters (has 64)'],
    ['ends with a dash', 'checkout-', "must not end with '-'"],
  ])('fails when the name %s', (_what, name, message) => {
    expectOnlyProblem(() => resolve(webDef({ name })), {
      code: 'E_NAME',
      field: 'name',
      value: name,
      message,
      fix: 'use a lowercase DNS label of at most 63 characters',
      app: name,
    });
  });

  test('fails when the name is empty, naming the source file instead of the app', () => {
    const error = expectError<ValidationError>(() => resolveApp(sourced(webDef({ name: '' }), 'apps/shop/checkout.ts'), resolvedEnvironment()));
    expect(error.code).toBe('E_NAME');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ field: 'name', value: '', message: 'must not be empty' });
    expect(error.message).toBe(
      "apps/shop/checkout.ts: environment 'prod': 'name' must not be empty (got \"\"). Fix: use a lowercase DNS label of at most 63 characters, e.g. 'checkout' [E_NAME]",
    );
  });

  test('accepts a name of 63 characters for a web service', () => {
    expect(resolve(webDef({ name: 'a'.repeat(63) })).name).toBe('a'.repeat(63));
  });

  test('accepts a scheduled task name of 52 characters', () => {
    expect(resolve(taskDef({ name: 'r'.repeat(52) })).name).toBe('r'.repeat(52));
  });

  test('fails when a scheduled task name is over 52 characters', () => {
    const name = 'r'.repeat(53);
    expectOnlyProblem(() => resolve(taskDef({ name })), {
      code: 'E_NAME',
      field: 'name',
      value: name,
      message: 'must be at most 52 characters (has 53)',
      fix: 'of at most 52 characters',
      app: name,
    });
  });

  test('fails when the team is empty', () => {
    expectOnlyProblem(() => resolve(webDef({ team: '' })), {
      code: 'E_TEAM',
      field: 'team',
      value: '',
      message: 'must not be empty',
      fix: 'use a lowercase DNS label',
    });
  });

  test('fails when the team is not a DNS label', () => {
    expectOnlyProblem(() => resolve(webDef({ team: 'Shop_Team' })), {
      code: 'E_TEAM',
      field: 'team',
      value: 'Shop_Team',
      message: 'must be lowercase',
      fix: 'lowercase DNS label',
    });
  });
});

describe('resolveApp: security', () => {
  test('runs as UID and GID 10001, read-only, with no added capability by default', () => {
    expect(resolve(webDef()).security).toEqual({ runAsUser: 10001, runAsGroup: 10001, readOnlyRootFilesystem: true, addCapabilities: [] });
  });

  test('runs as the given UID, with the same GID', () => {
    const app = resolve(webDef({ security: { runAsUser: 20000 } }));
    expect(app.security.runAsUser).toBe(20000);
    expect(app.security.runAsGroup).toBe(20000);
    expect(app.provenance['security.runAsUser']).toBe('app');
  });

  test('mounts the root filesystem writable only when asked', () => {
    expect(resolve(webDef({ security: { writableRootFilesystem: true } })).security.readOnlyRootFilesystem).toBe(false);
  });

  test('fails when runAsUser is 0 (root)', () => {
    expectOnlyProblem(() => resolve(webDef({ security: { runAsUser: 0 } })), {
      code: 'E_RUN_AS_USER',
      field: 'security.runAsUser',
      value: 0,
      message: 'must be a whole number above 0 (pods never run as root)',
      fix: 'leave it out for 10001',
    });
  });

  test('fails when runAsUser is negative or fractional', () => {
    expectOnlyProblem(() => resolve(webDef({ security: { runAsUser: -5 } })), { code: 'E_RUN_AS_USER', field: 'security.runAsUser', value: -5, fix: '10001' });
    expectOnlyProblem(() => resolve(webDef({ security: { runAsUser: 1000.5 } })), {
      code: 'E_RUN_AS_USER',
      field: 'security.runAsUser',
      value: 1000.5,
      fix: '10001',
    });
  });

  test('fails when the serving port is below 1024 without bindPrivilegedPorts', () => {
    expectOnlyProblem(() => resolve(webDef({ port: 80 })), {
      code: 'E_PRIVILEGED_PORT',
      field: 'port',
      value: 80,
      message: 'is below 1024',
      fix: 'set security.bindPrivilegedPorts: true',
    });
  });

  test('names the metrics port when it is the one below 1024', () => {
    expectOnlyProblem(() => resolve(webDef({ metricsPort: 900 })), {
      code: 'E_PRIVILEGED_PORT',
      field: 'metricsPort',
      value: 900,
      fix: 'listen on a port >= 1024',
    });
  });

  test('names the health port when it is the one below 1024', () => {
    expectOnlyProblem(() => resolve(workerDef({ healthPort: 999, health: { kind: 'tcp' } })), {
      code: 'E_PRIVILEGED_PORT',
      field: 'healthPort',
      value: 999,
      fix: 'listen on a port >= 1024',
      app: 'mailer',
    });
  });

  test('adds NET_BIND_SERVICE, and only it, when bindPrivilegedPorts is set', () => {
    const app = resolve(webDef({ port: 80, security: { bindPrivilegedPorts: true } }));
    expect(app.security.addCapabilities).toEqual(['NET_BIND_SERVICE']);
    expect(app.ports).toEqual([{ name: 'http', port: 80 }]);
  });
});

describe('resolveApp: maxUnavailable', () => {
  test('lets one pod at a time be disrupted by default', () => {
    const app = resolve(webDef());
    expect(app.maxUnavailable).toBe(1);
    expect(app.provenance.maxUnavailable).toBe('platform');
  });

  test("takes the environment profile's", () => {
    const app = resolve(workerDef(), testEnvironment({ profile: { maxUnavailable: 2 } }));
    expect(app.maxUnavailable).toBe(2);
    expect(app.provenance.maxUnavailable).toBe('environment');
  });

  test('has none for a scheduled task', () => {
    expect(resolve(taskDef()).maxUnavailable).toBeUndefined();
  });
});

describe('resolveApp: several problems', () => {
  test('reports every problem at once, in one error', () => {
    const def = webDef({ name: 'Checkout', team: '', image: 'ghcr.io/acme/checkout:latest', port: 0, replicas: { kind: 'fixed', count: 0 } });
    const error = expectError<ValidationError>(() => resolveApp(sourced(def, 'apps/shop/checkout.ts'), resolvedEnvironment()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems.map((p) => p.code)).toEqual(['E_NAME', 'E_TEAM', 'E_IMAGE', 'E_PORT', 'E_REPLICAS']);
    expect(error.code).toBe('E_NAME');
    expect(error.message.split('\n')[0]).toBe('5 problems:');
    expect(error.message.split('\n')).toHaveLength(6);
    for (const p of error.problems) expect(p).toMatchObject({ source: 'apps/shop/checkout.ts', app: 'Checkout', environment: 'prod' });
  });
});
