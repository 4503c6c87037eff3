import { Health } from '../../lib/model/health';
import { resolve, taskDef, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('resolveProbes: defaults', () => {
  test('checks GET /healthz on the serving port of an HTTP service for readiness, and only that the port answers for liveness', () => {
    const probes = resolve(webDef()).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'http', path: '/healthz', port: 'http' });
    expect(probes.liveness.handler).toEqual({ kind: 'tcp', port: 'http' });
    expect(probes.startup.handler).toEqual({ kind: 'tcp', port: 'http' });
  });

  test('records that the health check is the platform default', () => {
    expect(resolve(webDef()).provenance.health).toBe('platform');
    expect(resolve(webDef({ health: Health.http('/ready') })).provenance.health).toBe('app');
  });

  test('uses the gRPC health protocol on the serving port of a gRPC service for readiness, TCP for liveness', () => {
    const probes = resolve(webDef({ protocol: 'grpc', port: 9090 })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'grpc', port: 9090, service: '' });
    expect(probes.liveness.handler).toEqual({ kind: 'tcp', port: 'grpc' });
  });

  test('checks readiness every 5 s, 3 failures, with a 2 s timeout', () => {
    const { readiness } = resolve(webDef()).probes!;
    expect(readiness.periodSeconds).toBe(5);
    expect(readiness.failureThreshold).toBe(3);
    expect(readiness.timeoutSeconds).toBe(2);
  });

  test('checks liveness less often and with more patience than readiness', () => {
    const { readiness, liveness } = resolve(webDef()).probes!;
    expect(liveness.periodSeconds).toBe(10);
    expect(liveness.failureThreshold).toBe(6);
    expect(liveness.timeoutSeconds).toBe(2);
    expect(liveness.periodSeconds * liveness.failureThreshold).toBeGreaterThan(readiness.periodSeconds * readiness.failureThreshold);
  });

  test('gives a container 120 s to start: ceil(120 / 5) = 24 startup checks', () => {
    const { startup } = resolve(webDef()).probes!;
    expect(startup.periodSeconds).toBe(5);
    expect(startup.failureThreshold).toBe(24);
    expect(startup.timeoutSeconds).toBe(2);
  });

  test('has no probes for a scheduled task', () => {
    expect(resolve(taskDef()).probes).toBeUndefined();
  });
});

describe('resolveProbes: declared checks', () => {
  test('checks liveness on its own path when given one', () => {
    const probes = resolve(webDef({ health: Health.http('/ready', { livenessPath: '/alive' }) })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'http', path: '/ready', port: 'http' });
    expect(probes.liveness.handler).toEqual({ kind: 'http', path: '/alive', port: 'http' });
    expect(probes.startup.handler).toEqual({ kind: 'http', path: '/alive', port: 'http' });
  });

  test('checks HTTP on a named declared port', () => {
    const probes = resolve(webDef({ metricsPort: 9100, health: Health.http('/healthz', { port: 'metrics' }) })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'http', path: '/healthz', port: 'metrics' });
  });

  test('checks a TCP port by name', () => {
    const probes = resolve(workerDef({ healthPort: 8081, health: Health.tcp() })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'tcp', port: 'health' });
    expect(probes.liveness.handler).toEqual({ kind: 'tcp', port: 'health' });
  });

  test('sends the gRPC service name', () => {
    const probes = resolve(webDef({ protocol: 'grpc', health: Health.grpc({ service: 'shop.Checkout' }) })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'grpc', port: 8080, service: 'shop.Checkout' });
  });

  test('runs the exec command, and the liveness command for liveness and startup', () => {
    const probes = resolve(workerDef({ health: Health.exec(['/app/ready'], { livenessCommand: ['/app/alive'] }) })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'exec', command: ['/app/ready'] });
    expect(probes.liveness.handler).toEqual({ kind: 'exec', command: ['/app/alive'] });
    expect(probes.startup.handler).toEqual({ kind: 'exec', command: ['/app/alive'] });
  });

  test('uses the readiness command for liveness by default', () => {
    expect(resolve(workerDef()).probes!.liveness.handler).toEqual({ kind: 'exec', command: ['/app/health'] });
  });

  test('takes the declared timing', () => {
    const probes = resolve(
      webDef({
        health: Health.http('/healthz', {
          readinessPeriodSeconds: 2,
          livenessPeriodSeconds: 20,
          livenessFailureThreshold: 3,
          timeoutSeconds: 1,
          startupSeconds: 7,
        }),
      }),
    ).probes!;
    expect(probes.readiness).toMatchObject({ periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 3 });
    expect(probes.liveness).toMatchObject({ periodSeconds: 20, timeoutSeconds: 1, failureThreshold: 3 });
    expect(probes.startup).toMatchObject({ periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 4 });
  });

  test('rounds the startup checks up: ceil(7 / 5) = 2', () => {
    expect(resolve(webDef({ health: Health.http('/healthz', { startupSeconds: 7 }) })).probes!.startup.failureThreshold).toBe(2);
  });

  test('allows at least one startup check', () => {
    expect(resolve(webDef({ health: Health.http('/healthz', { startupSeconds: 1, readinessPeriodSeconds: 10 }) })).probes!.startup.failureThreshold).toBe(1);
  });
});

describe('resolveProbes: bad input', () => {
  test('fails when a worker declares no health check', () => {
    expectOnlyProblem(() => resolve(workerDef({ health: undefined })), {
      code: 'E_HEALTH_MISSING',
      field: 'health',
      value: null,
      message: 'is required for a worker',
      fix: 'Health.exec',
      app: 'mailer',
    });
  });

  test('fails on an unknown probe kind', () => {
    expectOnlyProblem(() => resolve(webDef({ health: { kind: 'ftp' } as never })), {
      code: 'E_HEALTH_KIND',
      field: 'health.kind',
      value: 'ftp',
      message: 'is not a known probe kind (http, grpc, tcp, exec, none)',
      fix: 'build it with Health.http(), Health.grpc(), Health.tcp(), Health.exec() or Health.none()',
    });
  });

  test('fails when the probe port is not a declared port', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/healthz', { port: 'admin' }) })), {
      code: 'E_HEALTH_PORT',
      field: 'health.port',
      value: 'admin',
      message: "is not a port the container declares (declared: 'http')",
      fix: "name a declared port ('http')",
    });
  });

  test('fails when a worker checks a network port but declares no health port', () => {
    expectOnlyProblem(() => resolve(workerDef({ health: Health.tcp() })), {
      code: 'E_HEALTH_PORT',
      field: 'health.port',
      value: 'health',
      message: 'is not a port the container declares (declared: none)',
      fix: 'set healthPort to the port the check listens on',
      app: 'mailer',
    });
  });

  test('fails when an exec check has no command', () => {
    expectOnlyProblem(() => resolve(workerDef({ health: Health.exec([]) })), {
      code: 'E_HEALTH_EXEC',
      field: 'health.command',
      value: [],
      message: 'must be a non-empty list of strings',
      fix: "Health.exec(['/app/healthcheck'])",
      app: 'mailer',
    });
  });

  test('fails when an HTTP path is not absolute', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('healthz') })), {
      code: 'E_HEALTH_PATH',
      field: 'health.path',
      value: 'healthz',
      message: 'must be an absolute HTTP path',
      fix: "start it with '/'",
    });
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/ready', { livenessPath: 'alive' }) })), {
      code: 'E_HEALTH_PATH',
      field: 'health.livenessPath',
      value: 'alive',
      fix: "start it with '/'",
    });
  });

  test.each([
    ['readinessPeriodSeconds', 0],
    ['livenessPeriodSeconds', -10],
    ['livenessFailureThreshold', 1.5],
    ['startupSeconds', 0],
    ['timeoutSeconds', 0],
  ])('fails when %s is %s', (key, value) => {
    expectProblem(() => resolve(webDef({ health: Health.http('/healthz', { [key]: value }) })), {
      code: 'E_HEALTH_TIMING',
      field: `health.${key}`,
      value,
      message: 'must be a whole number greater than 0',
      fix: 'positive integer',
    });
  });
});

describe('resolveProbes: liveness of its own, headers, no health endpoint', () => {
  test('checks a TCP service with TCP for readiness and liveness', () => {
    const probes = resolve(webDef({ ports: { redis: { port: 6379, protocol: 'tcp', appProtocol: 'redis' } } })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'tcp', port: 'redis' });
    expect(probes.liveness.handler).toEqual({ kind: 'tcp', port: 'redis' });
  });

  test('probes the first of several serving ports by default', () => {
    const probes = resolve(webDef({ ports: { grpc: { port: 9999 }, http: { port: 9898 } } })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'grpc', port: 9999, service: '' });
    expect(probes.liveness.handler).toEqual({ kind: 'tcp', port: 'grpc' });
  });

  test('records whether liveness was derived or declared', () => {
    expect(resolve(webDef()).provenance['health.liveness']).toBe('platform');
    expect(resolve(webDef()).settings['health.liveness']).toEqual({ kind: 'tcp', port: 'http' });
    expect(resolve(webDef({ health: Health.http('/ready', { livenessPath: '/alive' }) })).provenance['health.liveness']).toBe('app');
  });

  test('runs a liveness of another kind: HTTP readiness, exec liveness', () => {
    const probes = resolve(webDef({ health: Health.http('/ready', { liveness: Health.exec(['/app/alive']) }) })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'http', path: '/ready', port: 'http' });
    expect(probes.liveness.handler).toEqual({ kind: 'exec', command: ['/app/alive'] });
    expect(probes.startup.handler).toEqual({ kind: 'exec', command: ['/app/alive'] });
  });

  test('runs a liveness of another kind: exec readiness, TCP liveness on the health port', () => {
    const probes = resolve(workerDef({ healthPort: 8081, health: Health.exec(['/app/ready'], { liveness: Health.tcp() }) })).probes!;
    expect(probes.readiness.handler).toEqual({ kind: 'exec', command: ['/app/ready'] });
    expect(probes.liveness.handler).toEqual({ kind: 'tcp', port: 'health' });
  });

  test('sends headers, sorted by name, with readiness and a livenessPath liveness', () => {
    const probes = resolve(
      webDef({ health: Health.http('/ready', { livenessPath: '/alive', headers: { 'X-Probe': 'kubelet', Host: 'shop.internal' } }) }),
    ).probes!;
    const headers = [
      { name: 'Host', value: 'shop.internal' },
      { name: 'X-Probe', value: 'kubelet' },
    ];
    expect(probes.readiness.handler).toEqual({ kind: 'http', path: '/ready', port: 'http', headers });
    expect(probes.liveness.handler).toEqual({ kind: 'http', path: '/alive', port: 'http', headers });
  });

  test('gives a worker that declares no health endpoint no probes, and keeps the reason', () => {
    const app = resolve(workerDef({ health: Health.none({ reason: 'load generator: serves nothing, exits on failure' }) }));
    expect(app.probes).toBeUndefined();
    expect(app.noHealthEndpoint).toBe('load generator: serves nothing, exits on failure');
    expect(app.settings.health).toEqual({ kind: 'none', reason: 'load generator: serves nothing, exits on failure' });
    expect(app.provenance.health).toBe('app');
  });

  test('fails when a web service declares no health endpoint', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.none({ reason: 'it has nothing to check, honestly' }) })), {
      code: 'E_HEALTH_NONE',
      field: 'health',
      value: 'none',
      message: 'is for workers only',
      fix: "Health.http('/healthz') or Health.tcp()",
    });
  });

  test('fails when the reason for no health endpoint is too short', () => {
    expectOnlyProblem(() => resolve(workerDef({ health: Health.none({ reason: 'n/a' }) })), {
      code: 'E_HEALTH_REASON',
      field: 'health.reason',
      value: 'n/a',
      message: 'must say in at least 10 characters why the app has no health endpoint',
      fix: 'Health.none({ reason:',
      app: 'mailer',
    });
  });

  test('fails when both livenessPath and liveness are set', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/ready', { livenessPath: '/alive', liveness: Health.tcp() }) })), {
      code: 'E_HEALTH_LIVENESS',
      field: 'health.livenessPath',
      value: '/alive',
      message: 'and health.liveness both say what liveness checks',
      fix: 'keep one of them',
    });
  });

  test('fails when the liveness check names a port the container lacks', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/ready', { liveness: Health.tcp({ port: 'admin' }) }) })), {
      code: 'E_HEALTH_PORT',
      field: 'health.liveness.port',
      value: 'admin',
      message: "is not a port the container declares (declared: 'http')",
      fix: "name a declared port ('http')",
    });
  });

  test('fails when liveness is not a check', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/ready', { liveness: Health.none({ reason: 'nothing to check here' }) as never }) })), {
      code: 'E_HEALTH_KIND',
      field: 'health.liveness',
      value: 'none',
      message: 'is not a check (http, grpc, tcp or exec)',
      fix: 'Health.tcp()',
    });
  });

  test.each([
    ['X Probe', 'is not a valid HTTP header name'],
    ['Host:', 'is not a valid HTTP header name'],
  ])("fails on the header name '%s', once", (name, message) => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/ready', { livenessPath: '/alive', headers: { [name]: 'x' } }) })), {
      code: 'E_HEALTH_HEADER',
      field: `health.headers.${name}`,
      value: name,
      message,
      fix: "use letters, digits and - (e.g. 'X-Probe')",
    });
  });

  test('fails on a header value over two lines', () => {
    expectOnlyProblem(() => resolve(webDef({ health: Health.http('/ready', { headers: { 'X-Probe': 'a\nb' } }) })), {
      code: 'E_HEALTH_HEADER',
      field: 'health.headers.X-Probe',
      value: 'a\nb',
      message: 'is not a valid HTTP header value',
      fix: 'one-line string',
    });
  });
});
