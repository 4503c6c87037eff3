import { resolve, taskDef, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('resolvePorts', () => {
  test("serves HTTP on 8080 by default, on a port named 'http'", () => {
    const app = resolve(webDef());
    expect(app.ports).toEqual([{ name: 'http', port: 8080 }]);
    expect(app.servicePort).toEqual({ name: 'http', port: 8080, appProtocol: 'http' });
    expect(app.provenance.port).toBe('platform');
    expect(app.provenance.protocol).toBe('platform');
  });

  test("names the serving port 'grpc' for a gRPC service", () => {
    const app = resolve(webDef({ protocol: 'grpc', port: 9090 }));
    expect(app.ports).toEqual([{ name: 'grpc', port: 9090 }]);
    expect(app.servicePort).toEqual({ name: 'grpc', port: 9090, appProtocol: 'grpc' });
    expect(app.provenance.port).toBe('app');
  });

  test('lists the serving port first, then the metrics port', () => {
    expect(resolve(webDef({ metricsPort: 9100 })).ports).toEqual([
      { name: 'http', port: 8080 },
      { name: 'metrics', port: 9100 },
    ]);
  });

  test('gives a worker no serving port, and its health and metrics ports by name', () => {
    const app = resolve(workerDef({ healthPort: 8081, metricsPort: 9100 }));
    expect(app.ports).toEqual([
      { name: 'health', port: 8081 },
      { name: 'metrics', port: 9100 },
    ]);
    expect(app.servicePort).toBeUndefined();
  });

  test('gives a worker with an exec health check no ports at all', () => {
    expect(resolve(workerDef()).ports).toEqual([]);
  });

  test('gives a scheduled task no ports', () => {
    const app = resolve(taskDef());
    expect(app.ports).toEqual([]);
    expect(app.servicePort).toBeUndefined();
  });

  test.each([0, 70000, 1.5, -80])('fails when the port is %s', (port) => {
    expectOnlyProblem(() => resolve(webDef({ port })), {
      code: 'E_PORT',
      field: 'port',
      value: port,
      message: 'must be an integer from 1 to 65535',
      fix: 'use the port the process listens on, e.g. 8080',
    });
  });

  test('fails when the metrics port is out of range', () => {
    expectOnlyProblem(() => resolve(webDef({ metricsPort: 65536 })), { code: 'E_PORT', field: 'metricsPort', value: 65536, fix: 'e.g. 8080' });
  });

  test("fails when a worker's health port is out of range, without also calling it undeclared", () => {
    expectOnlyProblem(() => resolve(workerDef({ healthPort: 0, health: { kind: 'tcp' } })), {
      code: 'E_PORT',
      field: 'healthPort',
      value: 0,
      fix: 'e.g. 8080',
      app: 'mailer',
    });
  });

  test('fails when the metrics port is the serving port', () => {
    expectOnlyProblem(() => resolve(webDef({ port: 8080, metricsPort: 8080 })), {
      code: 'E_PORT_DUPLICATE',
      field: 'metricsPort',
      value: 8080,
      message: "is already used by 'port'",
      fix: 'give each port its own number',
    });
  });

  test("fails when a worker's metrics port is its health port", () => {
    expectProblem(() => resolve(workerDef({ healthPort: 8081, metricsPort: 8081 })), {
      code: 'E_PORT_DUPLICATE',
      field: 'metricsPort',
      value: 8081,
      message: "is already used by 'healthPort'",
      fix: 'give each port its own number',
      app: 'mailer',
    });
  });

  test('fails when the protocol is neither http nor grpc', () => {
    expectProblem(() => resolve(webDef({ protocol: 'ftp' } as never)), {
      code: 'E_PROTOCOL',
      field: 'protocol',
      value: 'ftp',
      message: "must be 'http' or 'grpc'",
      fix: "set protocol to 'http' or 'grpc'",
    });
  });
});
