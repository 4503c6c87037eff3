import { checkEnvironment } from '../../lib/environments/check-environment';
import { SECRET_IN_CONFIG_MAP_RULE, SECRET_IN_ENV_RULE } from '../../lib/environments/check-secret-literals';
import { secretSettingProblems } from '../../lib/environments/resolve-secrets';
import { Problems, ValidationError } from '../../lib/internal/errors';
import { Secret } from '../../lib/model/secret';
import { Waiver } from '../../lib/model/waiver';
import { GOLDEN_PATH_PACK } from '../../lib/policy/pack';
import { expectError, resolve, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

const STRIPE = Secret.ref('shop/checkout/stripe', 'apiKey');
const DB = Secret.ref('shop/checkout/db', 'password');
const TLS = Secret.ref('shop/checkout/tls');

function waiver(rule: string, extra: Partial<Waiver> = {}): Waiver {
  return { rule, reason: 'a test fixture, not a credential', owner: 'team-shop', expires: '2099-12-31', ...extra };
}

describe('Secret.ref', () => {
  test('is plain data, with a property only when given', () => {
    expect(Secret.ref('shop/db')).toEqual({ key: 'shop/db' });
    expect(Secret.ref('shop/db')).not.toHaveProperty('property');
    expect(Secret.ref('shop/db', 'password')).toEqual({ key: 'shop/db', property: 'password' });
  });
});

describe('resolveSecrets: references', () => {
  test('has no secrets, and records no store, when the app declares none', () => {
    const app = resolve(webDef());
    expect(app.secrets).toBeUndefined();
    expect(app.provenance).not.toHaveProperty('secretStore');
    expect(resolve(webDef({ secrets: {}, secretFiles: {} })).secrets).toBeUndefined();
  });

  test('resolves env vars and files, each sorted by name, against the platform store', () => {
    const app = resolve(webDef({ secrets: { STRIPE_API_KEY: STRIPE, DB_PASSWORD: DB }, secretFiles: { 'tls.key': TLS, 'tls.crt': TLS } }));
    expect(app.secrets).toEqual({
      store: { kind: 'ClusterSecretStore', name: 'platform' },
      refreshInterval: '1h',
      reloadOnChange: false,
      env: [
        { name: 'DB_PASSWORD', key: 'shop/checkout/db', property: 'password' },
        { name: 'STRIPE_API_KEY', key: 'shop/checkout/stripe', property: 'apiKey' },
      ],
      files: [
        { name: 'tls.crt', key: 'shop/checkout/tls' },
        { name: 'tls.key', key: 'shop/checkout/tls' },
      ],
    });
    expect(app.secrets!.files[0]).not.toHaveProperty('property');
    expect(app.provenance.secretStore).toBe('platform');
    expect(app.provenance.secretRefreshInterval).toBe('platform');
  });

  test("reads the store and refresh interval from the environment's settings", () => {
    const env = testEnvironment({ secretStore: { kind: 'SecretStore', name: 'vault' }, secretRefreshInterval: '15m' });
    const app = resolve(webDef({ secrets: { DB_PASSWORD: DB } }), env);
    expect(app.secrets!.store).toEqual({ kind: 'SecretStore', name: 'vault' });
    expect(app.secrets!.refreshInterval).toBe('15m');
    expect(app.provenance.secretStore).toBe('environment');
    expect(app.provenance.secretRefreshInterval).toBe('environment');
  });

  test('records each reference and its layer for platform explain', () => {
    const app = resolve(webDef({ secrets: { DB_PASSWORD: DB }, secretFiles: { 'tls.crt': TLS } }));
    expect(app.provenance['secrets.DB_PASSWORD']).toBe('app');
    expect(app.settings['secrets.DB_PASSWORD']).toBe("Secret.ref('shop/checkout/db', 'password')");
    expect(app.settings['secretFiles.tls.crt']).toBe("Secret.ref('shop/checkout/tls')");
  });

  test('an override changes one reference and adds another, in its own environment only', () => {
    const def = webDef({
      secrets: { DB_PASSWORD: DB },
      environments: {
        staging: { secrets: { DB_PASSWORD: Secret.ref('shop/checkout/db-staging', 'password'), SANDBOX_KEY: STRIPE }, secretFiles: { 'tls.crt': TLS } },
      },
    });
    const staging = resolve(def, testEnvironment({ name: 'staging' }));
    expect(staging.secrets!.env).toEqual([
      { name: 'DB_PASSWORD', key: 'shop/checkout/db-staging', property: 'password' },
      { name: 'SANDBOX_KEY', key: 'shop/checkout/stripe', property: 'apiKey' },
    ]);
    expect(staging.secrets!.files).toEqual([{ name: 'tls.crt', key: 'shop/checkout/tls' }]);
    expect(staging.provenance['secrets.DB_PASSWORD']).toBe('override');
    expect(resolve(def).secrets!.env).toEqual([{ name: 'DB_PASSWORD', key: 'shop/checkout/db', property: 'password' }]);
    expect(resolve(def).secrets!.files).toEqual([]);
  });

  test('gives workers and scheduled tasks secrets too', () => {
    expect(resolve(workerDef({ secrets: { DB_PASSWORD: DB } })).secrets!.env).toHaveLength(1);
    expect(resolve(taskDef({ secretFiles: { 'tls.crt': TLS } })).secrets!.files).toHaveLength(1);
  });
});

describe('resolveSecrets: bad references', () => {
  test('fails on a secret env var with an invalid name', () => {
    expectOnlyProblem(() => resolve(webDef({ secrets: { '1PASSWORD': DB } })), {
      code: 'E_ENV_NAME',
      field: 'secrets.1PASSWORD',
      value: '1PASSWORD',
      fix: 'letters, digits',
    });
  });

  test.each([
    ['a folder', 'certs/tls.crt'],
    ['a parent reference', '..data'],
    ['a space', 'tls crt'],
  ])('fails on a secret file name with %s', (_what, name) => {
    expectOnlyProblem(() => resolve(webDef({ secretFiles: { [name]: TLS } })), {
      code: 'E_FILE_NAME',
      field: `secretFiles.${name}`,
      value: name,
      fix: 'plain file name',
    });
  });

  test('fails when a secret env var is also a plain env var', () => {
    expectOnlyProblem(() => resolve(webDef({ env: { STRIPE_ACCOUNT: 'acct_1' }, secrets: { STRIPE_ACCOUNT: STRIPE } })), {
      code: 'E_ENV_CONFLICT',
      field: 'secrets.STRIPE_ACCOUNT',
      value: 'STRIPE_ACCOUNT',
      message: "is also set by 'env.STRIPE_ACCOUNT'",
      fix: 'remove env.STRIPE_ACCOUNT, or rename the secret variable',
    });
  });

  test('fails when a secret env var is also a config key', () => {
    expectOnlyProblem(() => resolve(webDef({ config: { REGION: 'eu' }, secrets: { REGION: STRIPE } })), {
      code: 'E_ENV_CONFLICT',
      field: 'secrets.REGION',
      value: 'REGION',
      message: "is also set by 'config.REGION'",
      fix: 'remove config.REGION',
    });
  });

  test("fails when a secret env var is the platform's LOG_LEVEL", () => {
    expectOnlyProblem(() => resolve(webDef({ secrets: { LOG_LEVEL: STRIPE } })), {
      code: 'E_ENV_CONFLICT',
      field: 'secrets.LOG_LEVEL',
      value: 'LOG_LEVEL',
      message: 'the platform sets LOG_LEVEL',
      fix: 'rename the secret variable',
    });
  });

  test("names the override's field when the override adds the conflict", () => {
    expectOnlyProblem(() => resolve(webDef({ config: { REGION: 'eu' }, environments: { prod: { secrets: { REGION: STRIPE } } } })), {
      code: 'E_ENV_CONFLICT',
      field: 'environments.prod.secrets.REGION',
      value: 'REGION',
      fix: 'remove config.REGION',
    });
  });

  test('fails when a secret env var and a secret file share a name (one key of one Secret)', () => {
    expectOnlyProblem(() => resolve(webDef({ secrets: { 'tls.crt': TLS }, secretFiles: { 'tls.crt': Secret.ref('other') } })), {
      code: 'E_SECRET_CONFLICT',
      field: 'secretFiles.tls.crt',
      value: 'tls.crt',
      message: "key 'tls.crt' of the Secret 'checkout-secrets'",
      fix: 'rename the file or the variable',
    });
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['padded', ' shop/db '],
  ])('fails on a key that is %s', (_what, key) => {
    expectOnlyProblem(() => resolve(webDef({ secrets: { DB_PASSWORD: Secret.ref(key) } })), {
      code: 'E_SECRET_REF',
      field: 'secrets.DB_PASSWORD.key',
      value: key,
      fix: "Secret.ref('shop/checkout-api/stripe')",
    });
  });

  test('fails on an empty property', () => {
    expectOnlyProblem(() => resolve(webDef({ secretFiles: { 'tls.crt': Secret.ref('shop/tls', '') } })), {
      code: 'E_SECRET_REF',
      field: 'secretFiles.tls.crt.property',
      value: '',
      fix: 'or leave it out',
    });
  });

  test('fails on a value where a reference belongs, without printing the value', () => {
    const leak = 'hunter2-correct-horse';
    const error = expectError<ValidationError>(() => resolve(webDef({ secrets: { DB_PASSWORD: leak as never } })));
    expectOnlyProblem(() => resolve(webDef({ secrets: { DB_PASSWORD: leak as never } })), {
      code: 'E_SECRET_REF',
      field: 'secrets.DB_PASSWORD',
      value: '<redacted: 21 characters>',
      message: 'must be a reference to the secret store, not a value',
      fix: "DB_PASSWORD: Secret.ref('<path in the secret store>')",
    });
    expect(error.message).not.toContain(leak);
  });

  test('reports a bad store setting once, against apps/environments.ts, before any app resolves', () => {
    const env = testEnvironment({ secretStore: { kind: 'Vault' as never, name: 'vault' }, secretRefreshInterval: 'hourly' });
    const error = expectError<ValidationError>(() => resolve(webDef({ secrets: { DB_PASSWORD: DB } }), env));
    expect(error.problems.map((p) => `${p.code} ${p.field}`)).toEqual(['E_SECRET_STORE secretStore.kind', 'E_SECRET_REFRESH secretRefreshInterval']);
    expect(error.problems[0]).toMatchObject({ source: 'apps/environments.ts', environment: 'prod' });
    expect(error.problems[0]).not.toHaveProperty('app');
  });

  test('reports bad store settings whether or not an app has secrets (the environment is checked on its own)', () => {
    expect(expectError<ValidationError>(() => resolve(webDef(), testEnvironment({ secretRefreshInterval: 'hourly' }))).code).toBe('E_SECRET_REFRESH');
  });
});

describe('literal secrets are rejected at resolution', () => {
  const LEAK = 'hunter2-correct-horse';

  test('in env, by the name, naming the field and the fix but never the value', () => {
    const problem = expectOnlyProblem(() => resolve(webDef({ env: { DB_PASSWORD: LEAK } })), {
      code: 'E_SECRET_LITERAL',
      field: 'env.DB_PASSWORD',
      value: '<redacted: 21 characters>',
      message: 'holds what looks like a literal secret (its name says it is a credential and it has a literal value)',
      fix: "move it to `secrets: { DB_PASSWORD: Secret.ref('<path>') }` and rotate it",
    });
    expect(problem.fix).toContain("waive rule 'secret-in-env'");
    expect(expectError(() => resolve(webDef({ env: { DB_PASSWORD: LEAK } }))).message).not.toContain(LEAK);
  });

  test('in config, by the value, whatever the key is called', () => {
    const url = 'postgres://app:s3cr3t@db:5432/orders';
    expectOnlyProblem(() => resolve(webDef({ config: { DATABASE_URL: url } })), {
      code: 'E_SECRET_LITERAL',
      field: 'config.DATABASE_URL',
      value: `<redacted: ${url.length} characters>`,
      message: 'a URL with a password in it',
      fix: "secrets: { DATABASE_URL: Secret.ref('<path>') }",
    });
    expect(expectError(() => resolve(webDef({ config: { DATABASE_URL: url } }))).message).not.toContain('s3cr3t');
  });

  test.each([
    ['env', { env: { STRIPE_KEY: 'sk_live_abcdefghijklmnop1234' } }, 'environments.prod.env.STRIPE_KEY'],
    ['config', { config: { GITHUB: `ghp_${'a'.repeat(36)}` } }, 'environments.prod.config.GITHUB'],
  ])('in an override of %s, naming the override field', (_what, override, field) => {
    const error = expectError<ValidationError>(() => resolve(webDef({ environments: { prod: override } })));
    expect(error.problems.map((p) => `${p.code} ${p.field}`)).toEqual([`E_SECRET_LITERAL ${field}`]);
    expect(error.message).not.toMatch(/sk_live_|ghp_/);
  });

  test("checks another environment's override when that environment resolves", () => {
    const def = webDef({ environments: { staging: { env: { API_TOKEN: 'abc123def456' } } } });
    expect(resolve(def).env.map((e) => e.name)).toEqual(['LOG_LEVEL']);
    expectOnlyProblem(() => resolve(def, testEnvironment({ name: 'staging' })), {
      code: 'E_SECRET_LITERAL',
      field: 'environments.staging.env.API_TOKEN',
      value: '<redacted: 12 characters>',
      fix: 'API_TOKEN',
      environment: 'staging',
    });
  });

  test('in a config file, and suggests a secret file instead', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----\n';
    expectOnlyProblem(() => resolve(webDef({ configFiles: { 'tls.key': key } })), {
      code: 'E_SECRET_LITERAL',
      field: 'configFiles.tls.key',
      value: `<redacted: ${key.length} characters>`,
      message: 'a PEM private key',
      fix: "move it to `secretFiles: { 'tls.key': Secret.ref('<path>') }`",
    });
  });

  test('reports every literal at once', () => {
    const error = expectError<ValidationError>(() =>
      resolve(webDef({ env: { DB_PASSWORD: LEAK }, config: { API_KEY: 'abcdef123456' }, environments: { prod: { env: { SESSION_SECRET: 'xyzxyzxyz' } } } })),
    );
    expect(error.problems.map((p) => p.field)).toEqual(['env.DB_PASSWORD', 'environments.prod.env.SESSION_SECRET', 'config.API_KEY']);
    expect(error.problems.every((p) => p.code === 'E_SECRET_LITERAL')).toBe(true);
  });

  test.each([
    ['a path to a secret file', { DB_PASSWORD_FILE: '/var/run/secrets/checkout/db' }],
    ['a $(VAR) reference', { DB_PASSWORD: '$(VAULT_PASSWORD)' }],
    ['a URL whose password is a $(VAR) reference', { DATABASE_URL: 'postgres://app:$(DB_PASSWORD)@db:5432/orders' }],
    ['a flag', { TOKEN_CHECKS: 'true', PASSWORD_MIN: '12' }],
    [
      "the sample fleet's settings",
      {
        PAYMENT_GATEWAY_ADDR: 'payment-gateway.payments.svc.cluster.local:50051',
        ORDER_TIMEOUT: '10s',
        QUEUE_NAME: 'payment-events',
        BATCH_SIZE: '100',
        CHECKOUT_URL: 'http://checkout-api.shop.svc.cluster.local:8080',
      },
    ],
  ])('accepts %s', (_what, values) => {
    expect(resolve(webDef({ env: values, config: values, configFiles: { 'app.yaml': 'timeout: 10s\n' } })).env.length).toBeGreaterThan(1);
  });

  test('lets a literal through where the definition waives the policy rule that would find it (the check reports it as waived)', () => {
    expect(resolve(webDef({ env: { DB_PASSWORD: LEAK }, waivers: [waiver(SECRET_IN_ENV_RULE, { object: { kind: 'Deployment' } })] })).env).toContainEqual({
      name: 'DB_PASSWORD',
      value: LEAK,
    });
    expect(
      resolve(taskDef({ env: { DB_PASSWORD: LEAK }, waivers: [waiver(SECRET_IN_ENV_RULE, { object: { kind: 'CronJob', name: 'report' } })] })).env,
    ).toHaveLength(2);
    expect(
      resolve(
        webDef({ config: { API_KEY: 'abcdef123456' }, waivers: [waiver(SECRET_IN_CONFIG_MAP_RULE, { object: { kind: 'ConfigMap', name: 'checkout' } })] }),
      ).config,
    ).toEqual({ API_KEY: 'abcdef123456' });
  });

  test('keeps rejecting where the waiver names another environment, object or rule', () => {
    const leaky = { env: { DB_PASSWORD: LEAK }, config: { API_KEY: 'abcdef123456' }, configFiles: { 'credentials.json': '{"user":"a","pass":"b"}' } };
    const error = expectError<ValidationError>(() =>
      resolve(
        webDef({
          ...leaky,
          waivers: [
            waiver(SECRET_IN_ENV_RULE, { environment: 'staging' }),
            waiver(SECRET_IN_CONFIG_MAP_RULE, { object: { kind: 'ConfigMap', name: 'checkout' } }),
            waiver('read-only-root-filesystem'),
          ],
        }),
      ),
    );
    // The config values are waived; the env var (another environment) and the files' ConfigMap (another object) are not.
    expect(error.problems.map((p) => `${p.code} ${p.field}`)).toEqual(['E_SECRET_LITERAL env.DB_PASSWORD', 'E_SECRET_LITERAL configFiles.credentials.json']);
  });

  test('waives by the ids of the policy rules that find the same literals', () => {
    const ids = GOLDEN_PATH_PACK.map((rule) => rule.id);
    expect(ids).toContain(SECRET_IN_ENV_RULE);
    expect(ids).toContain(SECRET_IN_CONFIG_MAP_RULE);
  });
});

describe('checkEnvironment: secret settings', () => {
  function problemsOf(overrides: Parameters<typeof testEnvironment>[0]) {
    const problems = new Problems();
    checkEnvironment(testEnvironment(overrides), problems);
    return problems.all;
  }

  test('accepts no settings, the platform defaults and valid settings', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ secretStore: { kind: 'ClusterSecretStore', name: 'platform' }, secretRefreshInterval: '1h' })).toEqual([]);
    for (const interval of ['15m', '1h30m', '0', '90s', '2.5h'])
      expect(problemsOf({ secretStore: { kind: 'SecretStore', name: 'vault.team' }, secretRefreshInterval: interval })).toEqual([]);
  });

  test('reports a bad store kind, store name and refresh interval against apps/environments.ts', () => {
    const problems = problemsOf({ secretStore: { kind: 'Vault' as never, name: 'Vault_Prod' }, secretRefreshInterval: '1 hour' });
    expect(problems.map((p) => `${p.code} ${p.field} ${JSON.stringify(p.value)}`)).toEqual([
      'E_SECRET_STORE secretStore.kind "Vault"',
      'E_SECRET_STORE secretStore.name "Vault_Prod"',
      'E_SECRET_REFRESH secretRefreshInterval "1 hour"',
    ]);
    expect(problems.every((p) => p.source === 'apps/environments.ts' && p.environment === 'prod' && p.app === undefined)).toBe(true);
    expect(problems[0].fix).toContain("'ClusterSecretStore'");
  });

  test('reports a secret rollout that is neither reloader nor none', () => {
    const problems = problemsOf({ secretRollout: 'restart' as never });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'E_SECRET_ROLLOUT',
        field: 'secretRollout',
        value: 'restart',
        source: 'apps/environments.ts',
        environment: 'prod',
        message: "must be 'reloader' or 'none'",
        fix: "'reloader' where Stakater Reloader runs in the cluster, else 'none'",
      }),
    ]);
    expect(problemsOf({ secretRollout: 'reloader' })).toEqual([]);
  });

  test('reports a store that is not an object', () => {
    expect(secretSettingProblems({ secretStore: 'vault' as never })).toEqual([
      expect.objectContaining({ code: 'E_SECRET_STORE', field: 'secretStore', value: 'vault' }),
    ]);
  });

  test('is what resolution reports for the same setting', () => {
    const error = expectError<ValidationError>(() => resolve(webDef({ secrets: { DB_PASSWORD: DB } }), testEnvironment({ secretRefreshInterval: '-1h' })));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({
      code: 'E_SECRET_REFRESH',
      field: 'secretRefreshInterval',
      value: '-1h',
      source: 'apps/environments.ts',
      environment: 'prod',
    });
    expect(error.problems[0].fix).toMatch("e.g. '1h'");
  });
});
