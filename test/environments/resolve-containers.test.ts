import { Health } from '../../lib/model/health';
import { InitContainerProps, SidecarProps } from '../../lib/model/containers';
import { resolve, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

const PROXY: SidecarProps = { name: 'cloudsql-proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.4', args: ['--port=5432', 'acme:eu:ledger'] };
const MIGRATE: InitContainerProps = { name: 'migrate', image: 'ghcr.io/acme/checkout:1.2.3', command: ['/app/migrate', 'up'] };

describe('resolveApp: the app container', () => {
  test('is named after the app by default, and by containerName when set', () => {
    expect(resolve(webDef()).containerName).toBe('checkout');
    const app = resolve(webDef({ containerName: 'app' }));
    expect(app.containerName).toBe('app');
    expect(app.provenance.containerName).toBe('app');
  });

  test('fails on a containerName that is not a DNS label', () => {
    expectOnlyProblem(() => resolve(webDef({ containerName: 'App_1' })), {
      code: 'E_CONTAINER_NAME',
      field: 'containerName',
      value: 'App_1',
      message: 'must be lowercase',
      fix: "e.g. 'cloudsql-proxy'",
    });
  });
});

describe('resolveApp: sidecars', () => {
  test('resolves a sidecar field by field, with the sidecar profile', () => {
    const [proxy] = resolve(workerDef({ sidecars: [{ ...PROXY, env: { LOG_FORMAT: 'json' } }] })).sidecars;
    expect(proxy).toEqual({
      name: 'cloudsql-proxy',
      image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.4',
      args: ['--port=5432', 'acme:eu:ledger'],
      env: [{ name: 'LOG_FORMAT', value: 'json' }],
      appEnv: false,
      resources: {
        requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '32Mi' },
        limits: { memory: '64Mi', 'ephemeral-storage': '256Mi' },
      },
    });
  });

  test("takes the sidecar's own resources; its memory limit follows its request", () => {
    const [proxy] = resolve(workerDef({ sidecars: [{ ...PROXY, resources: { cpu: '20m', memory: '32Mi', cpuLimit: '100m' } }] })).sidecars;
    expect(proxy.resources).toEqual({
      requests: { cpu: '20m', memory: '32Mi', 'ephemeral-storage': '32Mi' },
      limits: { cpu: '100m', memory: '32Mi', 'ephemeral-storage': '256Mi' },
    });
  });

  test('pins the image from the release, over the definition’s tag', () => {
    const app = resolve(workerDef({ sidecars: [PROXY] }), testEnvironment(), { tag: '1.0.0', containers: { 'cloudsql-proxy': { tag: '2.12.0' } } });
    expect(app.sidecars[0].image).toBe('gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.12.0');
    expect(app.provenance['sidecars[0].image']).toBe('release');
    expect(app.image).toBe('ghcr.io/acme/mailer:1.0.0');
  });

  test('fails on an image with neither a tag nor a pin, and says how to pin it', () => {
    expectOnlyProblem(() => resolve(workerDef({ sidecars: [{ name: 'proxy', image: 'gcr.io/acme/proxy' }] })), {
      code: 'E_IMAGE_UNPINNED',
      field: 'sidecars[0].image',
      value: 'gcr.io/acme/proxy',
      message: "has no tag or digest and the releases file has no entry 'mailer/proxy' for this environment",
      fix: "run 'platform set-image mailer --container proxy --env prod --tag <tag>'",
      app: 'mailer',
    });
  });

  test('derives probes on its port from its health check', () => {
    const [proxy] = resolve(workerDef({ sidecars: [{ ...PROXY, port: 5432, portName: 'postgres', health: Health.tcp() }] })).sidecars;
    expect(proxy.port).toEqual({ name: 'postgres', port: 5432 });
    expect(proxy.probes).toEqual({
      readiness: { handler: { kind: 'tcp', port: 'postgres' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
      liveness: { handler: { kind: 'tcp', port: 'postgres' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 },
      startup: { handler: { kind: 'tcp', port: 'postgres' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 24 },
    });
  });

  test('fails on a network health check without a port', () => {
    expectOnlyProblem(() => resolve(workerDef({ sidecars: [{ ...PROXY, health: Health.http('/ready') }] })), {
      code: 'E_HEALTH_PORT',
      field: 'sidecars[0].health.port',
      value: null,
      message: 'needs the sidecar to declare its port',
      fix: 'set sidecars[0].port, or use Health.exec()',
      app: 'mailer',
    });
  });

  test('fails on a port that another container of the pod uses', () => {
    expectOnlyProblem(() => resolve(webDef({ sidecars: [{ ...PROXY, port: 8080, portName: 'proxy' }] })), {
      code: 'E_PORT_DUPLICATE',
      field: 'sidecars[0].port',
      value: 8080,
      message: "clashes with port 'http' (8080) of the pod",
      fix: 'listen on another port',
    });
  });

  test('fails on a literal secret in its env', () => {
    expectProblem(() => resolve(workerDef({ sidecars: [{ ...PROXY, env: { DB_PASSWORD: 'hunter2hunter2' } }] })), {
      code: 'E_SECRET_LITERAL',
      field: 'sidecars[0].env.DB_PASSWORD',
      value: '<redacted: 14 characters>',
      fix: 'rotate it',
      app: 'mailer',
    });
  });

  test('are native on Kubernetes 1.29 and later, plain containers on 1.28', () => {
    expect(resolve(workerDef({ sidecars: [PROXY] })).sidecarPlacement).toBe('containers');
    expect(resolve(workerDef({ sidecars: [PROXY] }), testEnvironment({ kubernetesVersion: '1.29' })).sidecarPlacement).toBe('native');
  });

  test('fail on a scheduled task below 1.29, where a sidecar would keep the Job from finishing', () => {
    expectOnlyProblem(() => resolve(taskDef({ sidecars: [PROXY] })), {
      code: 'E_SIDECAR_TASK',
      field: 'sidecars',
      value: '1.28',
      message: 'needs native sidecars (Kubernetes >= 1.29)',
      fix: 'run the task without a sidecar here',
      app: 'report',
    });
    expect(resolve(taskDef({ sidecars: [PROXY] }), testEnvironment({ kubernetesVersion: '1.29' })).sidecars.map((s) => s.name)).toEqual(['cloudsql-proxy']);
  });
});

describe('resolveApp: init containers', () => {
  test('resolves an init container field by field', () => {
    expect(resolve(webDef({ initContainers: [{ ...MIGRATE, appEnv: true }] })).initContainers).toEqual([
      {
        name: 'migrate',
        image: 'ghcr.io/acme/checkout:1.2.3',
        command: ['/app/migrate', 'up'],
        env: [],
        appEnv: true,
        resources: {
          requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '32Mi' },
          limits: { memory: '64Mi', 'ephemeral-storage': '256Mi' },
        },
      },
    ]);
  });

  test('fails on a health check: an init container runs once and is never probed', () => {
    expectOnlyProblem(() => resolve(webDef({ initContainers: [{ ...MIGRATE, health: Health.exec(['true']) } as unknown as InitContainerProps] })), {
      code: 'E_INIT_CONTAINER_PROBE',
      field: 'initContainers[0].health',
      value: 'exec',
      message: 'is not allowed on an init container',
      fix: 'make the container a sidecar',
    });
  });
});

describe('resolveApp: container names', () => {
  test("fails on a container named like the app's own", () => {
    expectOnlyProblem(() => resolve(webDef({ initContainers: [{ ...MIGRATE, name: 'checkout' }] })), {
      code: 'E_CONTAINER_NAME_CLASH',
      field: 'initContainers[0].name',
      value: 'checkout',
      message: "is the name of the app's own container (the app container)",
      fix: 'give every container of the pod its own name',
    });
  });

  test('fails on two containers of the same name, naming the first', () => {
    expectOnlyProblem(() => resolve(webDef({ sidecars: [{ ...PROXY, name: 'migrate' }], initContainers: [MIGRATE] })), {
      code: 'E_CONTAINER_NAME_DUPLICATE',
      field: 'initContainers[0].name',
      value: 'migrate',
      message: 'is already the name of sidecars[0].name',
      fix: 'give every container of the pod its own name',
    });
  });
});
