import { resolve, taskDef, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('resolvePorts', () => {
  test("serves HTTP on 8080 by default, on a port named 'http'", () => {
    const app = resolve(webDef());
    expect(app.ports).toEqual([{ name: 'http', port: 8080 }]);
    expect(app.servicePort).toEqual({ name: 'http', port: 8080, targetPort: 8080, protocol: 'http', appProtocol: 'http' });
    expect(app.provenance.port).toBe('platform');
    expect(app.provenance.protocol).toBe('platform');
  });

  test("names the serving port 'grpc' for a gRPC service", () => {
    const app = resolve(webDef({ protocol: 'grpc', port: 9090 }));
    expect(app.ports).toEqual([{ name: 'grpc', port: 9090 }]);
    expect(app.servicePort).toEqual({ name: 'grpc', port: 9090, targetPort: 9090, protocol: 'grpc', appProtocol: 'grpc' });
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

  test('fails when the protocol is not http, grpc or tcp', () => {
    expectProblem(() => resolve(webDef({ protocol: 'ftp' } as never)), {
      code: 'E_PROTOCOL',
      field: 'protocol',
      value: 'ftp',
      message: "must be 'http', 'grpc' or 'tcp'",
      fix: "use 'tcp' for any other protocol over TCP",
    });
  });
});

describe('resolvePorts: several serving ports', () => {
  const twoPorts = { ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999 } } };

  test('serves each named port, in the order declared, before the metrics port', () => {
    const app = resolve(webDef({ ...twoPorts, metricsPort: 9100 }));
    expect(app.ports).toEqual([
      { name: 'http', port: 8080 },
      { name: 'grpc', port: 9999 },
      { name: 'metrics', port: 9100 },
    ]);
  });

  test('exposes each on the Service: its own Service port to its container port, protocol from the name by default', () => {
    const app = resolve(webDef(twoPorts));
    expect(app.servicePorts).toEqual([
      { name: 'http', port: 80, targetPort: 8080, protocol: 'http', appProtocol: 'http' },
      { name: 'grpc', port: 9999, targetPort: 9999, protocol: 'grpc', appProtocol: 'grpc' },
    ]);
    expect(app.servicePort).toEqual({ name: 'http', port: 80, targetPort: 8080, protocol: 'http', appProtocol: 'http' });
  });

  test('records where each port setting came from', () => {
    const app = resolve(webDef(twoPorts));
    expect(app.provenance['ports.http.servicePort']).toBe('app');
    expect(app.provenance['ports.grpc.servicePort']).toBe('platform');
    expect(app.provenance['ports.grpc.protocol']).toBe('platform');
    expect(app.settings['ports.grpc.protocol']).toBe('grpc');
  });

  test('gives a port of another name the http protocol unless it says otherwise', () => {
    const app = resolve(webDef({ ports: { web: { port: 8080 }, admin: { port: 8081, protocol: 'grpc' } } }));
    expect(app.servicePorts.map((p) => [p.name, p.protocol])).toEqual([
      ['web', 'http'],
      ['admin', 'grpc'],
    ]);
  });

  test("names a tcp port for its engine, with appProtocol 'tcp' by default or the engine's name", () => {
    expect(resolve(webDef({ ports: { redis: { port: 6379, protocol: 'tcp' } } })).servicePort).toEqual({
      name: 'redis',
      port: 6379,
      targetPort: 6379,
      protocol: 'tcp',
      appProtocol: 'tcp',
    });
    expect(resolve(webDef({ ports: { redis: { port: 6379, protocol: 'tcp', appProtocol: 'redis' } } })).servicePort?.appProtocol).toBe('redis');
  });

  test("a single tcp port from the shorthand is named 'tcp'", () => {
    expect(resolve(webDef({ protocol: 'tcp', port: 5432 })).servicePorts).toEqual([
      { name: 'tcp', port: 5432, targetPort: 5432, protocol: 'tcp', appProtocol: 'tcp' },
    ]);
  });

  test('the shorthand takes a Service port of its own: 80 to 8080', () => {
    const app = resolve(webDef({ servicePort: 80 }));
    expect(app.servicePorts).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'http', appProtocol: 'http' }]);
    expect(app.ports).toEqual([{ name: 'http', port: 8080 }]);
    expect(app.provenance.servicePort).toBe('app');
  });

  test('fails when two ports have one number, naming the first', () => {
    expectOnlyProblem(() => resolve(webDef({ ports: { http: { port: 8080 }, grpc: { port: 8080 } } })), {
      code: 'E_PORT_DUPLICATE',
      field: 'ports.grpc.port',
      value: 8080,
      message: "is already used by 'ports.http.port'",
      fix: 'give each port its own number',
    });
  });

  test('fails when two ports have one Service port', () => {
    expectOnlyProblem(() => resolve(webDef({ ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999, servicePort: 80 } } })), {
      code: 'E_SERVICE_PORT_DUPLICATE',
      field: 'ports.grpc.servicePort',
      value: 80,
      message: "is also the Service port of 'http'",
      fix: 'give each serving port its own servicePort',
    });
  });

  test('fails when the metrics port, scraped through the Service, takes a serving Service port', () => {
    expectOnlyProblem(() => resolve(webDef({ servicePort: 9100, metricsPort: 9100, metricsOnService: true })), {
      code: 'E_SERVICE_PORT_DUPLICATE',
      field: 'metricsPort',
      value: 9100,
      message: "is also the Service port of 'http'",
      fix: 'its own servicePort',
    });
  });

  test("fails when a serving port takes a name the platform gives (the metrics port's)", () => {
    expectOnlyProblem(() => resolve(webDef({ ports: { http: { port: 8080 }, metrics: { port: 9000 } }, metricsPort: 9100 })), {
      code: 'E_PORT_NAME_DUPLICATE',
      field: 'metricsPort',
      value: 'metrics',
      message: "names port 'metrics', which 'ports.metrics.port' already names",
      fix: 'give the serving port another name',
    });
  });

  test.each(['HTTP', 'my_port', 'a-very-long-port-name', '8080', 'web--ui'])("fails on the port name '%s'", (name) => {
    expectOnlyProblem(() => resolve(webDef({ ports: { [name]: { port: 8080 } } })), {
      code: 'E_PORT_NAME',
      field: `ports.${name}`,
      value: name,
      message: 'is not a valid port name',
      fix: "e.g. 'http', 'grpc' or 'redis'",
    });
  });

  test('fails on an unknown protocol in ports', () => {
    expectOnlyProblem(() => resolve(webDef({ ports: { web: { port: 8080, protocol: 'udp' as never } } })), {
      code: 'E_PROTOCOL',
      field: 'ports.web.protocol',
      value: 'udp',
      message: "must be 'http', 'grpc' or 'tcp'",
      fix: "use 'tcp'",
    });
  });

  test('fails when a Service port is out of range', () => {
    expectOnlyProblem(() => resolve(webDef({ ports: { http: { port: 8080, servicePort: 0 } } })), {
      code: 'E_PORT',
      field: 'ports.http.servicePort',
      value: 0,
      message: 'must be an integer from 1 to 65535',
      fix: 'use the port callers dial, e.g. 80',
    });
  });

  test('fails when both the shorthand and ports are set', () => {
    expectOnlyProblem(() => resolve(webDef({ port: 8080, ports: { http: { port: 8080 } } })), {
      code: 'E_PORTS_CONFLICT',
      field: 'port',
      value: 8080,
      message: "is the one-port shorthand, but 'ports' is also set",
      fix: "move it into 'ports'",
    });
  });

  test('fails when ports is empty', () => {
    expectProblem(() => resolve(webDef({ ports: {} })), {
      code: 'E_PORTS',
      field: 'ports',
      value: {},
      message: 'must name at least one serving port',
      fix: 'e.g. ports',
    });
  });

  test('fails on an appProtocol for an http port', () => {
    expectOnlyProblem(() => resolve(webDef({ ports: { http: { port: 8080, appProtocol: 'kubernetes.io/h2c' } } })), {
      code: 'E_APP_PROTOCOL',
      field: 'ports.http.appProtocol',
      value: 'kubernetes.io/h2c',
      message: "is for 'tcp' ports: an http port's appProtocol is 'http'",
      fix: 'remove appProtocol',
    });
  });

  test.each([
    ['http', 'names a protocol the platform serves itself', "set the port's protocol to 'http' or 'grpc' instead of appProtocol"],
    ['Redis Cluster', 'is not a protocol name', "name the engine in lowercase, e.g. 'redis' or 'postgresql'"],
  ])("fails on a tcp port's appProtocol '%s'", (appProtocol, message, fix) => {
    expectOnlyProblem(() => resolve(webDef({ ports: { redis: { port: 6379, protocol: 'tcp', appProtocol } } })), {
      code: 'E_APP_PROTOCOL',
      field: 'ports.redis.appProtocol',
      value: appProtocol,
      message,
      fix,
    });
  });

  test('fails on a port below 1024 and says the Service can still expose it', () => {
    expectOnlyProblem(() => resolve(webDef({ port: 80 })), {
      code: 'E_PRIVILEGED_PORT',
      field: 'port',
      value: 80,
      message: 'is below 1024',
      fix: 'listen on a port >= 1024 and set servicePort: 80 (the Service still exposes 80), or set security.bindPrivilegedPorts: true',
    });
    expectOnlyProblem(() => resolve(webDef({ ports: { http: { port: 80 } } })), {
      code: 'E_PRIVILEGED_PORT',
      field: 'ports.http.port',
      value: 80,
      fix: 'listen on a port >= 1024 and set ports.http.servicePort: 80',
    });
  });
});
