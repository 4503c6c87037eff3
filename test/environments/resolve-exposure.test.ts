import { Exposure } from '../../lib/model/exposure';
import { Environment } from '../../lib/model/environment';
import { ValidationError } from '../../lib/internal/errors';
import { expectError, resolve, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

const GATEWAY: Environment = testEnvironment({ ingress: { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway', sectionName: 'https' } } });

describe('resolveExposure: internal', () => {
  test('leaves an app internal when it says nothing, and records that the platform chose it', () => {
    const app = resolve(webDef());
    expect(app.exposure).toBeUndefined();
    expect(app.provenance.expose).toBe('platform');
    expect(app.settings.expose).toBe('internal');
  });

  test('lets nothing in from the ingress controller for an internal app', () => {
    expect(resolve(webDef({ expose: Exposure.internal() })).network.ingress).toEqual([]);
  });
});

describe('resolveExposure: hosts', () => {
  test("defaults the host to the app's name under the environment's domain", () => {
    const app = resolve(webDef({ expose: Exposure.public() }), testEnvironment({ domain: 'acme.dev' }));
    expect(app.exposure?.host).toBe('checkout.acme.dev');
    expect(app.provenance['expose.host']).toBe('platform');
  });

  test("puts the declared host in front of each environment's own domain", () => {
    const def = webDef({ expose: Exposure.public({ host: 'shop' }) });
    expect(resolve(def, testEnvironment({ name: 'dev', domain: 'dev.acme.dev' })).exposure?.host).toBe('shop.dev.acme.dev');
    expect(resolve(def, testEnvironment({ name: 'prod', domain: 'acme.dev' })).exposure?.host).toBe('shop.acme.dev');
    expect(resolve(def).provenance['expose.host']).toBe('app');
    expect(resolve(def, testEnvironment({ domain: 'acme.dev' })).settings['expose.host']).toBe('shop.acme.dev');
  });

  test("takes '@' as the environment's bare domain", () => {
    expect(resolve(webDef({ expose: Exposure.public({ host: '@' }) }), testEnvironment({ domain: 'acme.dev' })).exposure?.host).toBe('acme.dev');
  });

  test.each([
    ['', "must not be empty (write '@' for the environment's bare domain)"],
    ['Shop', 'must be lowercase'],
    ['shop.eu', "must be a single DNS label without dots: the environment's domain (test.example) is appended"],
    ['shop_eu', "may contain only lowercase letters, digits and '-', and must start and end with a letter or digit"],
    ['-shop', "may contain only lowercase letters, digits and '-', and must start and end with a letter or digit"],
    ['*', "may contain only lowercase letters, digits and '-', and must start and end with a letter or digit"],
    ['s'.repeat(64), 'must be at most 63 characters (has 64)'],
  ])('fails when the host is %j', (host, message) => {
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ host }) })), {
      code: 'E_EXPOSURE_HOST',
      field: 'expose.host',
      value: host,
      message,
      fix: "use one lowercase DNS label such as 'shop' (it becomes shop.test.example), or '@' for test.example itself",
    });
  });

  test('fails when the host and domain together are longer than a DNS name may be', () => {
    const domain = Array.from({ length: 4 }, () => 'd'.repeat(62)).join('.');
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ host: 'shop' }) }), testEnvironment({ domain })), {
      code: 'E_EXPOSURE_HOST',
      field: 'expose.host',
      value: 'shop',
      message: /^makes the host 'shop\.d+\.d+\.d+\.d+' 256 characters long, above the 253 a DNS name may have$/,
      fix: 'use one lowercase DNS label',
    });
  });
});

describe('resolveExposure: paths', () => {
  test("defaults to the whole host ('/')", () => {
    const app = resolve(webDef({ expose: Exposure.public() }));
    expect(app.exposure?.paths).toEqual(['/']);
    expect(app.provenance['expose.paths']).toBe('platform');
  });

  test('keeps declared paths in their order', () => {
    const app = resolve(webDef({ expose: Exposure.public({ paths: ['/shop', '/api/v1', '/'] }) }));
    expect(app.exposure?.paths).toEqual(['/shop', '/api/v1', '/']);
    expect(app.provenance['expose.paths']).toBe('app');
  });

  test.each([
    ['api', "must start with '/'"],
    ['/api v1', 'must not contain spaces'],
    ['/api//v1', "must not contain an empty segment ('//')"],
    ['/api/../admin', "must not contain '.' or '..' segments"],
    ['/api/.', "must not contain '.' or '..' segments"],
    ['/api/(v1|v2)', "may contain only letters, digits, '-', '.', '_', '~' and '/' (ingress controllers reject or reinterpret other characters in a prefix)"],
    ['/api?x=1', "may contain only letters, digits, '-', '.', '_', '~' and '/' (ingress controllers reject or reinterpret other characters in a prefix)"],
  ])('fails when a path is %j', (path, message) => {
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ paths: ['/', path] }) })), {
      code: 'E_EXPOSURE_PATH',
      field: 'expose.paths[1]',
      value: path,
      message,
      fix: "write a path prefix such as '/' or '/api/v1'",
    });
  });

  test('fails when the paths are empty', () => {
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ paths: [] }) })), {
      code: 'E_EXPOSURE_PATH',
      field: 'expose.paths',
      value: [],
      message: 'must be a non-empty list of path prefixes',
      fix: 'leave paths out for the whole host',
    });
  });

  test('fails when two paths match the same requests (a trailing slash changes nothing)', () => {
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ paths: ['/api', '/shop', '/api/'] }) })), {
      code: 'E_EXPOSURE_PATH',
      field: 'expose.paths[2]',
      value: '/api/',
      message: 'matches the same requests as expose.paths[0] ("/api")',
      fix: 'list each path once',
    });
  });

  test('reports every bad path at once', () => {
    expectProblem(() => resolve(webDef({ expose: Exposure.public({ paths: ['x', '/ok', 'y'] }) })), {
      code: 'E_EXPOSURE_PATH',
      field: 'expose.paths[0]',
      value: 'x',
      fix: 'path prefix',
    });
    expectProblem(() => resolve(webDef({ expose: Exposure.public({ paths: ['x', '/ok', 'y'] }) })), {
      code: 'E_EXPOSURE_PATH',
      field: 'expose.paths[2]',
      value: 'y',
      fix: 'path prefix',
    });
  });
});

describe('resolveExposure: ingress mode (the default)', () => {
  const app = resolve(webDef({ expose: Exposure.public({ host: 'shop' }) }));

  test('uses the platform defaults: class nginx, issuer letsencrypt, controller in ingress-nginx', () => {
    expect(app.exposure).toEqual({
      mode: 'ingress',
      host: 'shop.test.example',
      paths: ['/'],
      backend: { service: 'checkout', port: { name: 'http', port: 8080, targetPort: 8080 } },
      sourceNamespace: 'ingress-nginx',
      className: 'nginx',
      tlsSecretName: 'checkout-tls',
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    });
    expect(app.provenance['ingress.mode']).toBe('platform');
    expect(app.provenance['ingress.clusterIssuer']).toBe('platform');
  });

  test("lets the controller's namespace in on the serving port only", () => {
    expect(app.network.ingress).toEqual([{ kind: 'namespace', namespace: 'ingress-nginx', port: 8080, protocol: 'TCP' }]);
  });

  test("takes the environment's class, issuer and controller namespace", () => {
    const env = testEnvironment({ ingress: { className: 'public', clusterIssuer: 'acme-prod', controllerNamespace: 'edge' } });
    const custom = resolve(webDef({ port: 9000, expose: Exposure.public() }), env);
    expect(custom.exposure).toMatchObject({ className: 'public', sourceNamespace: 'edge', annotations: { 'cert-manager.io/cluster-issuer': 'acme-prod' } });
    expect(custom.network.ingress).toEqual([{ kind: 'namespace', namespace: 'edge', port: 9000, protocol: 'TCP' }]);
    expect(custom.provenance['ingress.className']).toBe('environment');
  });

  test("tells ingress-nginx to speak gRPC to a gRPC service's backend", () => {
    const grpc = resolve(webDef({ protocol: 'grpc', port: 50051, expose: Exposure.public() }));
    expect(grpc.exposure).toMatchObject({
      backend: { service: 'checkout', port: { name: 'grpc', port: 50051, targetPort: 50051 } },
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt', 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' },
    });
  });
});

describe('resolveExposure: a Service port of its own', () => {
  const app = resolve(webDef({ ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999 } }, expose: Exposure.public({ host: 'shop' }) }), GATEWAY);

  test("routes to the primary port's Service port, and lets the gateway in on its container port", () => {
    expect(app.exposure?.backend).toEqual({ service: 'checkout', port: { name: 'http', port: 80, targetPort: 8080 } });
    expect(app.network.ingress).toEqual([{ kind: 'namespace', namespace: 'gateway', port: 8080, protocol: 'TCP' }]);
  });

  test('fails when the primary port is tcp: an Ingress or HTTPRoute carries HTTP and gRPC only', () => {
    expectOnlyProblem(() => resolve(webDef({ protocol: 'tcp', port: 6379, expose: Exposure.public() })), {
      code: 'E_EXPOSURE_TCP',
      field: 'expose',
      value: 'public',
      message: "cannot make port 'tcp' public: it is a tcp port",
      fix: 'keep the app internal (Exposure.internal()), or list an http port first in ports',
    });
  });
});

describe('resolveExposure: gateway mode', () => {
  test("attaches to the environment's Gateway and lets its namespace in on the serving port", () => {
    const app = resolve(webDef({ expose: Exposure.public({ host: 'shop', paths: ['/api'] }) }), GATEWAY);
    expect(app.exposure).toEqual({
      mode: 'gateway',
      host: 'shop.test.example',
      paths: ['/api'],
      backend: { service: 'checkout', port: { name: 'http', port: 8080, targetPort: 8080 } },
      sourceNamespace: 'gateway',
      gateway: { name: 'public', namespace: 'gateway', sectionName: 'https' },
    });
    expect(app.network.ingress).toEqual([{ kind: 'namespace', namespace: 'gateway', port: 8080, protocol: 'TCP' }]);
  });

  test("lets the gateway's proxy namespace in when it runs apart from the Gateway", () => {
    const env = testEnvironment({ ingress: { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway', proxyNamespace: 'envoy-gateway-system' } } });
    const app = resolve(webDef({ expose: Exposure.public() }), env);
    expect(app.exposure).toMatchObject({ sourceNamespace: 'envoy-gateway-system', gateway: { name: 'public', namespace: 'gateway' } });
    expect(app.exposure).not.toHaveProperty(['gateway', 'sectionName']);
    expect(app.network.ingress).toEqual([{ kind: 'namespace', namespace: 'envoy-gateway-system', port: 8080, protocol: 'TCP' }]);
  });

  test('fails for a public gRPC service, since GRPCRoute is not among the pinned CRDs', () => {
    expectOnlyProblem(() => resolve(webDef({ protocol: 'grpc', port: 50051, expose: Exposure.public() }), GATEWAY), {
      code: 'E_EXPOSURE_GRPC',
      field: 'expose',
      value: 'public',
      message: /GRPCRoute is not among the platform's pinned CRDs/,
      fix: 'keep the app internal (Exposure.internal())',
    });
  });

  test('allows an internal gRPC service', () => {
    expect(resolve(webDef({ protocol: 'grpc', port: 50051 }), GATEWAY).exposure).toBeUndefined();
  });
});

describe('resolveExposure: bad input', () => {
  test('fails when a worker declares an exposure (plain JavaScript can)', () => {
    expectOnlyProblem(() => resolve(workerDef({ expose: Exposure.public() })), {
      code: 'E_EXPOSURE',
      field: 'expose',
      value: 'public',
      message: 'is for web services only: a worker serves no port to expose',
      fix: 'remove expose',
      app: 'mailer',
    });
  });

  test('fails on an unknown kind', () => {
    expectOnlyProblem(() => resolve(webDef({ expose: { kind: 'open' } as never })), {
      code: 'E_EXPOSURE',
      field: 'expose',
      value: 'open',
      message: 'must be public or internal',
      fix: 'Exposure.public(',
    });
  });

  test("reports the environment's broken ingress settings once, against apps/environments.ts, whatever its apps", () => {
    for (const def of [webDef({ expose: Exposure.public() }), webDef()]) {
      const error = expectError<ValidationError>(() => resolve(def, testEnvironment({ ingress: { mode: 'gateway' } })));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({
        code: 'E_INGRESS_SETTING',
        source: 'apps/environments.ts',
        environment: 'prod',
        field: 'ingress.gateway',
        value: null,
        fix: "fix environments.prod.ingress.gateway in apps/environments.ts, e.g. { name: 'public', namespace: 'gateway' }",
      });
      expect(error.problems[0]).not.toHaveProperty('app');
    }
  });
});

describe('resolveExposure: per-environment override', () => {
  const publicInProd = webDef({ environments: { prod: { expose: Exposure.public({ host: 'shop', paths: ['/api'] }) } } });

  test('makes an app public in one environment only, recording the override as the layer', () => {
    const prod = resolve(publicInProd, testEnvironment({ name: 'prod', domain: 'acme.dev' }));
    expect(prod.exposure).toMatchObject({ host: 'shop.acme.dev', paths: ['/api'] });
    expect([prod.provenance.expose, prod.provenance['expose.host'], prod.provenance['expose.paths']]).toEqual(['override', 'override', 'override']);
    expect(resolve(publicInProd, testEnvironment({ name: 'dev' })).exposure).toBeUndefined();
  });

  test('replaces the app exposure as a whole: internal in one environment, public elsewhere', () => {
    const def = webDef({ expose: Exposure.public({ host: 'shop' }), environments: { dev: { expose: Exposure.internal() } } });
    expect(resolve(def, testEnvironment({ name: 'dev' })).exposure).toBeUndefined();
    expect(resolve(def, testEnvironment({ name: 'dev' })).network.ingress).toEqual([]);
    expect(resolve(def, testEnvironment({ name: 'prod', domain: 'acme.dev' })).exposure?.host).toBe('shop.acme.dev');
  });

  test('names the override field when its host is wrong', () => {
    expectOnlyProblem(() => resolve(webDef({ environments: { prod: { expose: Exposure.public({ host: 'Shop' }) } } })), {
      code: 'E_EXPOSURE_HOST',
      field: 'environments.prod.expose.host',
      value: 'Shop',
      message: 'must be lowercase',
      fix: "use one lowercase DNS label such as 'shop'",
    });
  });

  test('names the override field when a path is wrong', () => {
    expectProblem(() => resolve(webDef({ environments: { prod: { expose: Exposure.public({ paths: ['/api', 'v1'] }) } } })), {
      code: 'E_EXPOSURE_PATH',
      field: 'environments.prod.expose.paths[1]',
      value: 'v1',
      message: "must start with '/'",
      fix: 'write a path prefix',
    });
  });

  test("still checks the app's own exposure where an override replaces it", () => {
    const def = webDef({ expose: Exposure.public({ host: 'Bad_Host' }), environments: { prod: { expose: Exposure.internal() } } });
    expectOnlyProblem(() => resolve(def), {
      code: 'E_EXPOSURE_HOST',
      field: 'expose.host',
      value: 'Bad_Host',
      message: 'must be lowercase',
      fix: 'use one lowercase DNS label',
    });
  });

  test('refuses an exposure override on a worker, naming the override', () => {
    expectOnlyProblem(() => resolve(workerDef({ environments: { prod: { expose: Exposure.public() } } }), testEnvironment()), {
      app: 'mailer',
      code: 'E_EXPOSURE',
      field: 'environments.prod.expose',
      value: 'public',
      message: 'is for web services only: a worker serves no port to expose',
      fix: 'remove expose',
    });
  });
});

describe('resolveExposure: a fully qualified name of its own', () => {
  test('uses it as the host, and the Ingress TLS certificate is for it', () => {
    const app = resolve(webDef({ expose: Exposure.public({ fqdn: 'pay.acme.com' }) }), testEnvironment({ domain: 'acme.dev' }));
    expect(app.exposure?.host).toBe('pay.acme.com');
    expect(app.provenance['expose.host']).toBe('app');
  });

  test('may differ per environment through the override', () => {
    const def = webDef({ expose: Exposure.public({ host: 'pay' }), environments: { prod: { expose: Exposure.public({ fqdn: 'pay.acme.com' }) } } });
    expect(resolve(def, testEnvironment({ name: 'dev', domain: 'dev.acme.dev' })).exposure?.host).toBe('pay.dev.acme.dev');
    expect(resolve(def, testEnvironment({ name: 'prod', domain: 'acme.dev' })).exposure?.host).toBe('pay.acme.com');
  });

  test.each([
    ['pay', 'must have at least two labels (a name under a domain)'],
    ['Pay.acme.com', "is not a valid DNS name: label 'Pay' must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"],
    ['pay..acme.com', "is not a valid DNS name: label '' must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"],
    [
      'https://pay.acme.com',
      "is not a valid DNS name: label 'https://pay' must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
    ],
  ])('fails when the name is %j', (fqdn, message) => {
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ fqdn }) })), {
      code: 'E_EXPOSURE_HOST',
      field: 'expose.fqdn',
      value: fqdn,
      message,
      fix: "write a lowercase DNS name such as 'pay.acme.com'",
    });
  });

  test('fails when host is given too', () => {
    expectOnlyProblem(() => resolve(webDef({ expose: Exposure.public({ host: 'pay', fqdn: 'pay.acme.com' }) })), {
      code: 'E_EXPOSURE_HOST',
      field: 'expose.fqdn',
      value: 'pay.acme.com',
      message: 'is given with host "pay": the app has one name here',
      fix: 'keep fqdn (a name of its own) or host',
    });
  });
});
