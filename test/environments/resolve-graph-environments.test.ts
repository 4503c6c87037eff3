import { Problems, ValidationError } from '../../lib/internal/errors';
import { AppDefinition } from '../../lib/model/app-definition';
import { DataStoreDefinition } from '../../lib/model/data-store-definition';
import { Dependency } from '../../lib/model/dependency';
import { ResolvedApp } from '../../lib/model/resolved-app';
import { resolveEnvironmentApps } from '../../lib/environments/resolve-environment-apps';
import { expectError, resolvedEnvironment, sourced, testEnvironment, webDef } from '../helpers';

const payments = webDef({ name: 'payments', team: 'pay', port: 9000 });
const accountsDb: DataStoreDefinition = {
  kind: 'data-store',
  name: 'accounts-db',
  team: 'bank',
  engine: 'postgres',
  image: 'ghcr.io/acme/accounts-db-seeded:2024-06',
  database: 'accounts',
  user: 'accounts',
  external: { prod: { host: 'accounts.prod.internal', cidrs: ['10.50.0.0/16'] } },
};

function resolveIn(defs: AppDefinition[], envName = 'prod', stores: DataStoreDefinition[] = [], dataStores?: 'in-cluster'): ResolvedApp[] {
  const problems = new Problems();
  const env = resolvedEnvironment(testEnvironment({ name: envName, ...(dataStores ? { profile: { dataStores } } : {}) }));
  const apps = resolveEnvironmentApps(
    defs.map((d) => sourced(d)),
    env,
    () => undefined,
    problems,
    stores.map((definition) => ({ definition, source: `apps/${definition.team}/${definition.name}.ts` })),
  );
  problems.throwIfAny();
  return apps;
}
const byName = (apps: ResolvedApp[], name: string) => apps.find((a) => a.name === name)!;
const envOf = (app: ResolvedApp) => Object.fromEntries(app.env.map((e) => [e.name, e.value]));

describe('a callee that failed to resolve', () => {
  test('is reported once, by its own problem, and never as missing from the fleet', () => {
    const broken = webDef({ name: 'payments', team: 'pay', dependsOn: [Dependency.postgres('ledger')] });
    const error = expectError<ValidationError>(() => resolveIn([webDef({ name: 'checkout', dependsOn: [broken] }), broken]));
    expect(error.problems.map((p) => `${p.code} ${p.app}`)).toEqual(['E_DATA_STORE payments']);
    expect(error.message).not.toContain('not an app');
  });
});

describe('only: the environments an app exists in', () => {
  const loadgen = webDef({ name: 'loadgen', only: ['dev'] });

  test('resolves the app where it is listed and leaves it out elsewhere', () => {
    expect(resolveIn([loadgen], 'dev').map((a) => a.name)).toEqual(['loadgen']);
    expect(resolveIn([loadgen], 'prod')).toEqual([]);
  });

  test('fails, naming both apps and the environment, when a caller depends on it where it is absent', () => {
    const error = expectError<ValidationError>(() => resolveIn([webDef({ name: 'checkout', dependsOn: [loadgen] }), loadgen], 'prod'));
    expect(error.code).toBe('E_DEPENDENCY_ABSENT');
    expect(error.message).toContain(
      "apps/shop/checkout.ts: app 'checkout': environment 'prod': 'dependsOn[0]' 'checkout' depends on 'shop/loadgen', which does not exist in prod (apps/shop/loadgen.ts has only: ['dev'])",
    );
    expect(error.message).toContain("add 'prod' to only in apps/shop/loadgen.ts");
  });
});

describe('environments.<env>.dependsOn', () => {
  const proxy = webDef({ name: 'db-proxy', team: 'pay', port: 5432 });
  const caller = webDef({ name: 'checkout', dependsOn: [payments], environments: { prod: { dependsOn: [proxy] } } });

  test("replaces the app's dependencies in that environment: edges and variables follow", () => {
    const prod = resolveIn([caller, payments, proxy], 'prod');
    expect(envOf(byName(prod, 'checkout'))).toEqual({ DB_PROXY_ADDR: 'db-proxy.pay.svc.cluster.local:5432', LOG_LEVEL: 'info' });
    expect(byName(prod, 'payments').network.ingress.filter((p) => p.kind === 'app')).toEqual([]);
    expect(byName(prod, 'db-proxy').network.ingress).toContainEqual({ kind: 'app', app: 'checkout', namespace: 'shop', port: 5432, protocol: 'TCP' });
  });

  test('keeps the app’s own elsewhere', () => {
    const dev = resolveIn([caller, payments, proxy], 'dev');
    expect(envOf(byName(dev, 'checkout'))).toEqual({ LOG_LEVEL: 'info', PAYMENTS_ADDR: 'payments.pay.svc.cluster.local:9000' });
  });

  test('names the override in its problems', () => {
    const bad = webDef({ name: 'checkout', environments: { prod: { dependsOn: [Dependency.on('pay/nope')] } } });
    const error = expectError<ValidationError>(() => resolveIn([bad], 'prod'));
    expect(error.message).toContain("'environments.prod.dependsOn[0]' 'checkout' depends on 'pay/nope'");
  });
});

describe('address templates', () => {
  test('fills a URL from the placeholders', () => {
    const caller = webDef({ name: 'checkout', dependsOn: [Dependency.on(payments, { url: 'http://{host}:{port}/echo', env: 'BACKEND_URL' })] });
    expect(envOf(byName(resolveIn([caller, payments]), 'checkout')).BACKEND_URL).toBe('http://payments.pay.svc.cluster.local:9000/echo');
  });

  test('fails on a placeholder the dependency cannot fill', () => {
    const caller = webDef({ name: 'checkout', dependsOn: [Dependency.on(payments, { url: 'http://{hots}:{port}/' })] });
    const error = expectError<ValidationError>(() => resolveIn([caller, payments]));
    expect(error.code).toBe('E_ADDRESS_TEMPLATE');
    expect(error.message).toContain("'dependsOn[0].url' uses '{hots}', which this dependency cannot fill (got \"http://{hots}:{port}/\")");
    expect(error.message).toContain('use only {host}, {port}, {name}, {namespace}');
  });
});

describe('shared data stores', () => {
  const ledger = webDef({ name: 'ledger', team: 'pay', dependsOn: [accountsDb] });
  const teller = webDef({
    name: 'teller',
    team: 'bank',
    dependsOn: [Dependency.on('bank/accounts-db', { url: 'postgresql://{user}@{host}:{port}/{database}', env: 'DATABASE_URL' })],
  });

  test('in the cluster: every caller reaches its pods, with its own address shape (short host from the same namespace)', () => {
    const apps = resolveIn([ledger, teller], 'dev', [accountsDb], 'in-cluster');
    expect(envOf(byName(apps, 'ledger')).ACCOUNTS_DB_ADDR).toBe('accounts-db.bank.svc.cluster.local:5432');
    expect(envOf(byName(apps, 'teller')).DATABASE_URL).toBe('postgresql://accounts@accounts-db:5432/accounts');
    expect(byName(apps, 'ledger').network.egress).toContainEqual({ kind: 'app', app: 'accounts-db', namespace: 'bank', port: 5432, protocol: 'TCP' });
  });

  test('outside: its address and blocks for that environment', () => {
    const apps = resolveIn([ledger], 'prod', [accountsDb]);
    expect(envOf(byName(apps, 'ledger')).ACCOUNTS_DB_ADDR).toBe('accounts.prod.internal:5432');
    expect(byName(apps, 'ledger').network.egress).toContainEqual({ kind: 'cidr', cidr: '10.50.0.0/16', port: 5432, protocol: 'TCP' });
  });

  test('a missing external address is the store’s one problem, not its callers’', () => {
    const error = expectError<ValidationError>(() => resolveIn([ledger, teller], 'staging', [accountsDb]));
    expect(error.problems.map((p) => `${p.code} ${p.app} ${p.field}`)).toEqual(['E_DATA_STORE accounts-db external']);
    expect(error.message).toContain("apps/bank/accounts-db.ts: app 'accounts-db': environment 'staging': 'external' has no external address for staging");
  });
});

describe('$(VAR) references in env', () => {
  test('order the referenced variable first', () => {
    const [app] = resolveIn([webDef({ env: { A_URL: 'http://$(Z_HOST)/', Z_HOST: 'z.example' } })]);
    expect(app.env.map((e) => e.name)).toEqual(['LOG_LEVEL', 'Z_HOST', 'A_URL']);
  });

  test('fail on a reference to an undefined variable', () => {
    const error = expectError<ValidationError>(() => resolveIn([webDef({ env: { A_URL: 'http://$(NOPE)/' } })]));
    expect(error.code).toBe('E_ENV_REFERENCE');
    expect(error.message).toContain(
      '\'env.A_URL\' refers to $(NOPE), which the app does not define, so Kubernetes would leave it as written (got "http://$(NOPE)/")',
    );
  });

  test('fail on a cycle', () => {
    const error = expectError<ValidationError>(() => resolveIn([webDef({ env: { A: '$(B)', B: '$(A)' } })]));
    expect(error.message).toContain('is part of a cycle of references (A, B)');
  });
});
