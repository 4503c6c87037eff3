import { resolveApp } from '../../lib/environments/resolve';
import { Manifest } from '../../lib/manifest/manifest';
import { buildChart } from '../../lib/stacks/build-chart';
import { Dependency } from '../../lib/model/dependency';
import { NetworkGraph } from '../../lib/network/reachability';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { ValidationError } from '../../lib/internal/errors';
import { expectError, find, resolve, resolvedEnvironment, sourced, synthApp, testEnvironment, workerDef } from '../helpers';
import { resolvedWorker, synthResolved } from '../fixtures/resolved-app';

const dev = testEnvironment({ name: 'dev', profile: { dataStores: 'in-cluster' } });
const prod = testEnvironment({ name: 'prod' });
const ordersDb = Dependency.postgres('orders-db', { external: { prod: { host: 'orders.prod.internal', cidrs: ['10.40.0.0/16'] } } });
const app = workerDef({ name: 'orders', dependsOn: [ordersDb, Dependency.redis('cache')], environments: {} });
const appWithExternalCache = workerDef({ name: 'orders', dependsOn: [ordersDb] });

describe('data stores in the cluster (dev)', () => {
  const manifests = synthApp(app, dev);

  test('runs each store as a one-pod StatefulSet with a volume, named <app>-<store>', () => {
    const sts = find(manifests, 'StatefulSet', 'orders-orders-db');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.serviceName).toBe('orders-orders-db');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    const container = sts.spec.template.spec.containers[0];
    expect(container.image).toBe('postgres:16.4-bookworm');
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(find(manifests, 'StatefulSet', 'orders-cache').spec.template.spec.containers[0].image).toBe('redis:7.4-alpine');
  });

  test('gives the store the golden-path pod: non-root, read-only root, probes, requests and limits', () => {
    const spec = find(manifests, 'StatefulSet', 'orders-orders-db').spec.template.spec;
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10070,
      runAsGroup: 10070,
      fsGroup: 10070,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    const c = spec.containers[0];
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(c.readinessProbe.exec.command).toEqual(['pg_isready', '-h', '127.0.0.1', '-U', 'postgres']);
    expect(c.livenessProbe.periodSeconds).toBeGreaterThan(c.readinessProbe.periodSeconds);
    expect(c.resources.limits.memory).toBe('256Mi');
    expect(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/var/lib/postgresql/data', '/tmp', '/var/run/postgresql']);
  });

  test('runs postgres as UID/GID 10070 with PGDATA a folder inside its volume', () => {
    const spec = find(manifests, 'StatefulSet', 'orders-orders-db').spec.template.spec;
    const c = spec.containers[0];
    expect(c.securityContext.runAsUser).toBe(10070);
    expect(c.securityContext.runAsGroup).toBe(10070);
    expect(c.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
  });

  test('runs redis as UID/GID 10999 writing its append-only file to its volume', () => {
    const spec = find(manifests, 'StatefulSet', 'orders-cache').spec.template.spec;
    const c = spec.containers[0];
    expect(spec.securityContext).toMatchObject({ runAsUser: 10999, runAsGroup: 10999, fsGroup: 10999, fsGroupChangePolicy: 'OnRootMismatch' });
    expect(c.args).toEqual(['--appendonly', 'yes', '--dir', '/data']);
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test("claims the store's volume from the environment's storage class", () => {
    const gp3 = testEnvironment({ name: 'dev', profile: { dataStores: 'in-cluster', storage: { storageClass: 'gp3' } } });
    const sts = find(synthApp(app, gp3), 'StatefulSet', 'orders-orders-db');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('gp3');
    expect(find(manifests, 'StatefulSet', 'orders-orders-db').spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
  });

  test('has a headless Service, a PDB and a ServiceAccount of its own', () => {
    expect(find(manifests, 'Service', 'orders-orders-db').spec.clusterIP).toBe('None');
    expect(find(manifests, 'PodDisruptionBudget', 'orders-orders-db').spec.maxUnavailable).toBe(1);
    expect(find(manifests, 'ServiceAccount', 'orders-orders-db').automountServiceAccountToken).toBe(false);
  });

  test('gives the app the store address', () => {
    expect(resolve(app, dev).env).toContainEqual({ name: 'ORDERS_DB_ADDR', value: 'orders-orders-db:5432' });
  });

  test('lets only its app reach it, on its port', () => {
    const other = workerDef({ name: 'mailer' });
    const graph = new NetworkGraph([...synthApp(app, dev), ...synthApp(other, dev)]);
    expect(graph).toAllow('shop/orders', 'shop/orders-orders-db', 5432);
    expect(graph).toAllow('shop/orders', 'shop/orders-cache', 6379);
    expect(graph).not.toAllow('shop/mailer', 'shop/orders-orders-db', 5432);
    expect(graph).not.toAllow('shop/orders', 'shop/orders-orders-db', 6379);
  });

  test('passes schema validation and the policy pack', () => {
    const resolved = resolve(app, dev);
    const rendered = [{ app: resolved, manifests: synthResolved(resolved) }];
    for (const check of defaultChecks({ now: new Date('2026-01-01') })) expect(() => check(rendered, [])).not.toThrow();
  });
});

describe('external data stores (prod)', () => {
  test('renders no store objects and opens egress to its address blocks on its port', () => {
    const manifests = synthApp(appWithExternalCache, prod);
    expect(manifests.some((m) => m.kind === 'StatefulSet')).toBe(false);
    const resolved = resolve(appWithExternalCache, prod);
    expect(resolved.env).toContainEqual({ name: 'ORDERS_DB_ADDR', value: 'orders.prod.internal:5432' });
    expect(resolved.network.egress).toContainEqual({ kind: 'cidr', cidr: '10.40.0.0/16', port: 5432, protocol: 'TCP' });
  });

  test('fails, with the fix, when the environment has no external address for the store', () => {
    const error = expectError<ValidationError>(() => resolve(app, prod));
    expect(error.code).toBe('E_DATA_STORE');
    expect(error.message).toContain("'dependsOn[1]' has no external address for prod, which keeps data stores outside the cluster");
    expect(error.message).toContain("add external: { prod: { host, cidrs } } to Dependency.redis('cache')");
  });

  test('fails, naming the derived name and its limit, when <app>-<store> is longer than a StatefulSet may be', () => {
    const store = Dependency.postgres('orders-database-for-the-reporting-pipeline');
    const error = expectError<ValidationError>(() => resolve(workerDef({ name: 'orders-service', dependsOn: [store] }), dev));
    expect(error.code).toBe('E_GENERATED_NAME');
    expect(error.message).toBe(
      "apps/shop/orders-service.ts: app 'orders-service': environment 'dev': 'dependsOn[0]' makes the StatefulSet and Service name 'orders-service-orders-database-for-the-reporting-pipeline' (57 characters); a StatefulSet's name may have at most 52, since its pods' controller-revision-hash label adds 11 (got \"orders-database-for-the-reporting-pipeline\"). Fix: shorten the store's or the app's name so that '<app>-<store>' has at most 52 characters [E_GENERATED_NAME]",
    );
  });

  test('accepts <app>-<store> of exactly 52 characters', () => {
    const store = Dependency.postgres('orders-database-for-the-reporting-pipe');
    expect(
      find(synthApp(workerDef({ name: 'orders-servic', dependsOn: [store] }), dev), 'StatefulSet', 'orders-servic-orders-database-for-the-reporting-pipe').kind,
    ).toBe('StatefulSet');
  });

  test('fails when the app sets the address variable itself', () => {
    const error = expectError<ValidationError>(() => resolvedWorker({ name: 'orders', env: { ORDERS_DB_ADDR: 'x:1' }, dependsOn: [ordersDb] }, dev));
    expect(error.code).toBe('E_ENV_CONFLICT');
  });
});

describe('the store pod reads the resolved environment and decides nothing', () => {
  test('replicas, pull policy, access mode and storage come from the environment resolution', () => {
    const env = resolvedEnvironment(dev);
    const changed = {
      ...env,
      profile: { ...env.profile, dataStores: { ...env.profile.dataStores, replicas: 2, imagePullPolicy: 'Always' as const, storage: '5Gi' } },
    };
    const manifests = buildChart(resolveApp(sourced(app), changed)).chart.toJson() as Manifest[];
    const sts = find(manifests, 'StatefulSet', 'orders-orders-db');
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
  });
});
