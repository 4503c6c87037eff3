import { Dependency } from '../../lib/model/dependency';
import { Environment } from '../../lib/model/environment';
import { Exposure } from '../../lib/model/exposure';
import { Peer } from '../../lib/model/peer';
import { resolve, resolvedEnvironment, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

const DIGEST = 'sha256:4c6f1e0a9b7d2e8f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f';
const PINNED = `ghcr.io/acme/checkout:1.2.3@${DIGEST}`;
const HARDENED_ENV: Environment = testEnvironment({
  hardening: {
    internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' },
    runtimeClassName: 'gvisor',
    nodePool: { nodeSelector: { 'acme.dev/pool': 'restricted' }, taint: { key: 'acme.dev/restricted', value: 'true', effect: 'NoSchedule' } },
  },
});

describe('a hardened web service', () => {
  const app = resolve(webDef({ image: PINNED, hardened: { dataClass: 'pci' } }), HARDENED_ENV);

  test('carries the data class as a label of every object', () => {
    expect(app.labels['platform.golden-path.dev/data-class']).toBe('pci');
  });

  test('always pulls its image, whatever the environment profile says', () => {
    expect(app.imagePullPolicy).toBe('Always');
    expect(app.provenance.imagePullPolicy).toBe('app');
  });

  test("names its serving port 'https'", () => {
    expect(app.servicePort).toEqual({ name: 'https', port: 8080, targetPort: 8080, protocol: 'http', appProtocol: 'http' });
    expect(app.ports).toEqual([{ name: 'https', port: 8080 }]);
  });

  test('probes over HTTPS on the TLS port', () => {
    expect(app.probes?.readiness.handler).toEqual({ kind: 'http', path: '/healthz', port: 'https', scheme: 'HTTPS' });
    // Liveness checks only that the process answers (TCP), which works on a TLS port as it is.
    expect(app.probes?.liveness.handler).toEqual({ kind: 'tcp', port: 'https' });
  });

  test("gets a certificate for its in-cluster names from the environment's internal issuer", () => {
    expect(app.hardening?.tls).toEqual({
      issuer: { kind: 'ClusterIssuer', name: 'internal-ca' },
      secretName: 'checkout-internal-tls',
      dnsNames: ['checkout', 'checkout.shop', 'checkout.shop.svc', 'checkout.shop.svc.cluster.local'],
      mountPath: '/var/run/tls',
      privateKey: { algorithm: 'ECDSA', size: 256, rotate: true },
      duration: '720h',
    });
  });

  test("runs on the environment's runtime class and node pool", () => {
    expect(app.hardening?.runtimeClassName).toBe('gvisor');
    expect(app.hardening?.nodePool).toEqual({
      nodeSelector: { 'acme.dev/pool': 'restricted' },
      taint: { key: 'acme.dev/restricted', value: 'true', effect: 'NoSchedule' },
    });
  });
});

test('a hardened worker has no certificate (no Service) but the rest of the path', () => {
  const app = resolve(workerDef({ image: 'ghcr.io/acme/mailer:1.0.0@' + DIGEST, hardened: { dataClass: 'pii' } }), testEnvironment());
  expect(app.hardening).toEqual({ dataClass: 'pii' });
  expect(app.labels['platform.golden-path.dev/data-class']).toBe('pii');
  expect(app.imagePullPolicy).toBe('Always');
});

test('an app without `hardened` stays on the standard path', () => {
  const app = resolve(webDef(), HARDENED_ENV);
  expect(app.hardening).toBeUndefined();
  expect(app.labels['platform.golden-path.dev/data-class']).toBeUndefined();
  expect(app.servicePort?.name).toBe('http');
});

describe('bad inputs', () => {
  test('fails when the image is pinned by tag only, naming releases.yaml and set-image --digest', () => {
    expectOnlyProblem(() => resolve(webDef({ hardened: { dataClass: 'pci' } }), HARDENED_ENV), {
      code: 'E_HARDENED_IMAGE_DIGEST',
      field: 'image',
      value: 'ghcr.io/acme/checkout:1.2.3',
      message: /pinned by tag only/,
      fix: "pin the digest in apps/releases.yaml: 'platform set-image checkout --env prod --digest sha256:<digest>'",
    });
  });

  test('fails when a release pins a tag without a digest', () => {
    expectProblem(() => resolve(webDef({ image: 'ghcr.io/acme/checkout', hardened: { dataClass: 'pci' } }), HARDENED_ENV, { tag: '2.0.0' }), {
      code: 'E_HARDENED_IMAGE_DIGEST',
      field: 'image',
      value: 'ghcr.io/acme/checkout:2.0.0',
      fix: /--digest/,
    });
  });

  test('fails in an environment without an internal issuer', () => {
    expectOnlyProblem(() => resolve(webDef({ image: PINNED, hardened: { dataClass: 'pci' } }), testEnvironment()), {
      code: 'E_HARDENED_ISSUER',
      field: 'hardened',
      value: 'prod',
      message: "needs the environment's internal certificate issuer, and environment 'prod' names none",
      fix: "set hardening: { internalIssuer: { kind: 'ClusterIssuer', name: '<issuer>' } } for 'prod' in apps/environments.ts",
    });
  });

  test('fails on an unknown data class', () => {
    expectOnlyProblem(() => resolve(webDef({ image: PINNED, hardened: { dataClass: 'secret' as 'pci' } }), HARDENED_ENV), {
      code: 'E_HARDENED',
      field: 'hardened.dataClass',
      value: 'secret',
      message: "must be one of 'pci', 'pii', 'phi'",
      fix: "hardened: { dataClass: 'pci' }",
    });
  });

  test("fails when an override asks for 'IfNotPresent'", () => {
    expectOnlyProblem(
      () => resolve(webDef({ image: PINNED, hardened: { dataClass: 'pci' }, environments: { prod: { imagePullPolicy: 'IfNotPresent' } } }), HARDENED_ENV),
      { code: 'E_HARDENED_PULL_POLICY', field: 'environments.prod.imagePullPolicy', value: 'IfNotPresent', fix: 'remove imagePullPolicy' },
    );
  });

  test('fails on ingress from a whole namespace', () => {
    expectOnlyProblem(() => resolve(webDef({ image: PINNED, hardened: { dataClass: 'pci' }, network: { ingress: [Peer.namespace('shop')] } }), HARDENED_ENV), {
      code: 'E_HARDENED_INGRESS',
      field: 'network.ingress[0]',
      value: 'namespace',
      fix: /dependsOn/,
    });
  });

  test('fails on a kubelet gRPC probe, which cannot speak TLS', () => {
    expectOnlyProblem(() => resolve(webDef({ image: PINNED, protocol: 'grpc', hardened: { dataClass: 'pci' } } as never), HARDENED_ENV), {
      code: 'E_HARDENED_PROBE',
      field: 'health',
      value: 'grpc',
      message: /cannot speak TLS/,
      fix: /grpc_health_probe/,
    });
  });

  test('fails when public through a Gateway, which cannot reach a TLS-only port', () => {
    const gateway = testEnvironment({ ...HARDENED_ENV, ingress: { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway-system' } } });
    expectOnlyProblem(() => resolve(webDef({ image: PINNED, hardened: { dataClass: 'pci' }, expose: Exposure.public({ host: 'pay' }) }), gateway), {
      code: 'E_HARDENED_EXPOSURE',
      field: 'expose',
      value: 'public',
      message: /BackendTLSPolicy/,
      fix: 'keep the app internal',
    });
  });

  test('fails on a data store that the environment runs in the cluster', () => {
    const dev = testEnvironment({ ...HARDENED_ENV, name: 'dev', profile: { dataStores: 'in-cluster' } });
    expectOnlyProblem(() => resolve(webDef({ image: PINNED, hardened: { dataClass: 'pci' }, dependsOn: [Dependency.postgres('db')] }), dev), {
      code: 'E_HARDENED_DATA_STORE',
      field: 'dependsOn',
      value: 'db',
      environment: 'dev',
      message: "would run in the cluster in environment 'dev' (profile.dataStores 'in-cluster'), off the hardened path",
      fix: "set profile.dataStores: 'external' for 'dev' in apps/environments.ts",
    });
  });

  test('fails when the metrics port would be on the Service', () => {
    expectOnlyProblem(
      () => resolve(webDef({ image: PINNED, metricsPort: 9090, metricsOnService: true, hardened: { dataClass: 'pci' } } as never), HARDENED_ENV),
      { code: 'E_HARDENED_PLAINTEXT', field: 'metricsOnService', value: true, fix: /scrapes the pods directly/ },
    );
  });
});

describe('environment hardening settings', () => {
  test('a sync window gets the platform time zone unless it names one', () => {
    const env = resolvedEnvironment(testEnvironment({ hardening: { syncWindow: { schedule: '0 9 * * 1-4', duration: '2h' } } }));
    expect(env.hardening).toEqual({ syncWindow: { schedule: '0 9 * * 1-4', duration: '2h', timeZone: 'Etc/UTC' } });
    expect(env.provenance['hardening.syncWindow.timeZone']).toBe('platform');
  });

  test('rejects a sync window duration that is not hours and minutes', () => {
    const env = testEnvironment({ hardening: { syncWindow: { schedule: '0 9 * * 1-4', duration: '2 hours' } } });
    expectOnlyProblem(() => resolve(webDef(), env), { code: 'E_HARDENING', field: 'hardening.syncWindow.duration', value: '2 hours', fix: "'2h'", app: null });
  });

  test('rejects a taint effect the pool cannot use', () => {
    const env = testEnvironment({
      hardening: {
        nodePool: { nodeSelector: { pool: 'restricted' }, taint: { key: 'restricted', value: 'true', effect: 'PreferNoSchedule' as 'NoSchedule' } },
      },
    });
    expectOnlyProblem(() => resolve(webDef(), env), {
      code: 'E_HARDENING',
      field: 'hardening.nodePool.taint.effect',
      value: 'PreferNoSchedule',
      fix: "'NoSchedule'",
      app: null,
    });
  });

  test('rejects an issuer of an unknown kind', () => {
    const env = testEnvironment({ hardening: { internalIssuer: { kind: 'Vault' as 'Issuer', name: 'internal-ca' } } });
    expectOnlyProblem(() => resolve(webDef(), env), {
      code: 'E_HARDENING',
      field: 'hardening.internalIssuer.kind',
      value: 'Vault',
      fix: 'ClusterIssuer',
      app: null,
    });
  });
});
