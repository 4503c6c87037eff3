import { ValidationError } from '../../lib/internal/errors';
import { DataStoreDefinition } from '../../lib/model/data-store-definition';
import { renderResolvedFleet, resolveFleetEnvironments } from '../../lib/pipeline/render-fleet';
import { renderPlatform } from '../../lib/pipeline/render-platform';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Dependency } from '../../lib/model/dependency';
import { Exposure } from '../../lib/model/exposure';
import { SourcedApp } from '../../lib/model/app-definition';
import { SourcedDataStore } from '../../lib/model/data-store-definition';
import { synthesize } from '../../lib/pipeline/synthesize';
import { tempDir } from '../fixtures/temp-dir';
import { expectError, sourced, testEnvironment, webDef } from '../helpers';

const cache = (overrides: Partial<DataStoreDefinition> = {}): DataStoreDefinition => ({
  kind: 'data-store',
  name: 'cache',
  team: 'shop',
  engine: 'redis',
  ...overrides,
});
const source = (d: DataStoreDefinition, file = d.name) => ({ definition: d, source: `apps/${d.team}/${file}.ts` });
const environments = resolveFleetEnvironments([testEnvironment({ name: 'dev', profile: { dataStores: 'in-cluster' } })]);

describe('shared data stores in the fleet', () => {
  test('two stores with one name fail, naming both files', () => {
    const error = expectError<ValidationError>(() =>
      renderResolvedFleet({ apps: [], dataStores: [source(cache()), source(cache(), 'cache-copy')], environments }),
    );
    expect(error.code).toBe('E_DUPLICATE_DATA_STORE');
    expect(error.message).toContain("apps/shop/cache-copy.ts: app 'cache': 'name' is also declared by apps/shop/cache.ts in team 'shop'");
  });

  test('render in the cluster once, in the owning team, admitting only their callers across namespaces', () => {
    const dataStores = [source(cache())];
    const rendered = renderResolvedFleet({
      apps: [
        sourced(webDef({ name: 'checkout', dependsOn: [cache()] })),
        sourced(webDef({ name: 'payments', team: 'pay', dependsOn: [{ kind: 'app', app: 'shop/cache' }] })),
      ],
      dataStores,
      environments,
    });
    const files = renderPlatform(rendered, environments, { dataStores }).filter((f) => f.path === 'dev/shop/cache.yaml');
    expect(files).toHaveLength(1);
    const policy = files[0].manifests.find((m) => m.kind === 'NetworkPolicy')!;
    expect((policy.spec as { ingress: unknown[] }).ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pay' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
          },
        ],
        ports: [{ port: 6379, protocol: 'TCP' }],
      },
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } } }], ports: [{ port: 6379, protocol: 'TCP' }] },
    ]);
  });

  test('an environment that does not exist fails at the field', () => {
    const error = expectError<ValidationError>(() => renderResolvedFleet({ apps: [], dataStores: [source(cache({ inCluster: ['stagign'] }))], environments }));
    expect(error.message).toContain("apps/shop/cache.ts: app 'cache': 'inCluster' names an environment that does not exist (known: dev)");
  });

  test('a seeded postgres with a password reads it from its own Secret, and creates its database and user', () => {
    const db = cache({
      name: 'orders-db',
      engine: 'postgres',
      image: 'ghcr.io/acme/orders-db-seeded:2024-06-01',
      database: 'orders',
      user: 'orders',
      password: { key: 'shop/orders-db', property: 'password' },
      settings: { POSTGRES_INITDB_ARGS: '--data-checksums' },
    });
    const [file] = renderPlatform([], environments, { dataStores: [source(db)] }).filter((f) => f.path === 'dev/shop/orders-db.yaml');
    const set = file.manifests.find((m) => m.kind === 'StatefulSet')!;
    const container = (set.spec as { template: { spec: { containers: { image: string; env: unknown[] }[] } } }).template.spec.containers[0];
    expect(container.image).toBe('ghcr.io/acme/orders-db-seeded:2024-06-01');
    expect(container.env).toEqual([
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-secrets', key: 'POSTGRES_PASSWORD' } } },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      { name: 'POSTGRES_DB', value: 'orders' },
      { name: 'POSTGRES_INITDB_ARGS', value: '--data-checksums' },
      { name: 'POSTGRES_USER', value: 'orders' },
    ]);
    const secret = file.manifests.find((m) => m.kind === 'ExternalSecret')!;
    expect((secret.spec as { data: unknown }).data).toEqual([{ secretKey: 'POSTGRES_PASSWORD', remoteRef: { key: 'shop/orders-db', property: 'password' } }]);
    // Without callers, the store admits nobody.
    expect((file.manifests.find((m) => m.kind === 'NetworkPolicy')!.spec as { ingress: unknown[] }).ingress).toEqual([]);
  });

  test('a seeded image without a tag fails at the field', () => {
    const error = expectError<ValidationError>(() =>
      renderResolvedFleet({ apps: [], dataStores: [source(cache({ engine: 'postgres', image: 'ghcr.io/acme/seeded' }))], environments }),
    );
    expect(error.message).toContain("apps/shop/cache.ts: app 'cache': environment 'dev': 'image' has no tag or digest");
  });
});

describe('bad service graphs write nothing', () => {
  const loadgen = webDef({ name: 'loadgen', only: ['dev'] });
  test.each<[string, string, SourcedApp[], SourcedDataStore[]]>([
    ['a dependency on an app absent there', 'E_DEPENDENCY_ABSENT', [sourced(loadgen), sourced(webDef({ name: 'checkout', dependsOn: [loadgen] }))], []],
    [
      'a URL with an unknown placeholder',
      'E_ADDRESS_TEMPLATE',
      [sourced(webDef({ name: 'checkout', dependsOn: [Dependency.on(cache(), { url: 'redis://{hots}' })] }))],
      [source(cache())],
    ],
    ['two data stores with one name', 'E_DUPLICATE_DATA_STORE', [], [source(cache()), source(cache(), 'cache-copy')]],
    ['a host that is not a DNS name', 'E_EXPOSURE_HOST', [sourced(webDef({ expose: Exposure.public({ fqdn: 'shop_acme.com' }) }))], []],
  ])('%s', (_, code, apps, dataStores) => {
    const outDir = join(tempDir(), 'dist');
    const error = expectError<ValidationError>(() =>
      synthesize({ apps, dataStores, environments: [testEnvironment({ name: 'dev', profile: { dataStores: 'in-cluster' } }), testEnvironment()], outDir }),
    );
    expect(error.problems.map((p) => p.code)).toContain(code);
    expect(error.problems.every((p) => p.source?.startsWith('apps/shop/'))).toBe(true);
    expect(existsSync(outDir)).toBe(false);
  });
});
