import { Exposure } from '../../lib/model/exposure';
import { NetworkGraph } from '../../lib/network/reachability';
import { CheckFailedError } from '../../lib/policy/check-failed-error';
import { buildChart } from '../../lib/stacks/build-chart';
import { WebService } from '../../lib/stacks/web-service';
import { expectError, find, kinds, resolve, synthApp, testEnvironment, webDef, workerDef } from '../helpers';
import { PROD } from '../policy/policy-helpers';
import { checkFleet, outsider } from './exposure-helpers';

const PUBLIC = webDef({ expose: Exposure.public({ host: 'shop', paths: ['/', '/api'] }), metricsPort: 9090 });

describe('the Ingress of a public app', () => {
  const ingress = find(synthApp(PUBLIC, testEnvironment({ domain: 'acme.dev' })), 'Ingress', 'checkout');

  test("routes the app's host under the environment's domain", () => {
    expect(ingress.spec.rules.map((r: { host: string }) => r.host)).toEqual(['shop.acme.dev']);
  });

  test('uses a host per environment, from its domain', () => {
    const dev = find(synthApp(PUBLIC, testEnvironment({ name: 'dev', domain: 'dev.acme.dev' })), 'Ingress', 'checkout');
    expect(dev.spec.rules[0].host).toBe('shop.dev.acme.dev');
    expect(dev.spec.tls).toEqual([{ hosts: ['shop.dev.acme.dev'], secretName: 'checkout-tls' }]);
  });

  test('sends each declared path, as a Prefix, to the Service port by name', () => {
    const backend = { service: { name: 'checkout', port: { name: 'http' } } };
    expect(ingress.spec.rules[0].http.paths).toEqual([
      { path: '/', pathType: 'Prefix', backend },
      { path: '/api', pathType: 'Prefix', backend },
    ]);
  });

  test('terminates TLS for the host with the certificate in <app>-tls', () => {
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.acme.dev'], secretName: 'checkout-tls' }]);
  });

  test("asks cert-manager's ingress-shim for the certificate through the cluster issuer annotation", () => {
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
  });

  test("keeps the app's own annotations and labels", () => {
    expect(ingress.metadata.annotations['platform.golden-path.dev/source']).toBe('apps/shop/checkout.ts');
    expect(ingress.metadata.labels['app.kubernetes.io/name']).toBe('checkout');
    expect(ingress.metadata.namespace).toBe('shop');
  });

  test('uses the ingress class nginx by default', () => {
    expect(ingress.spec.ingressClassName).toBe('nginx');
  });

  test("takes the class and issuer from the environment's settings", () => {
    const env = testEnvironment({ ingress: { className: 'public', clusterIssuer: 'acme-dns' } });
    const custom = find(synthApp(PUBLIC, env), 'Ingress', 'checkout');
    expect(custom.spec.ingressClassName).toBe('public');
    expect(custom.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('acme-dns');
  });

  test('speaks gRPC to the backend of a gRPC service', () => {
    const grpc = find(synthApp(webDef({ protocol: 'grpc', port: 50051, expose: Exposure.public() })), 'Ingress', 'checkout');
    expect(grpc.metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('GRPC');
    expect(grpc.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'checkout', port: { name: 'grpc' } } });
  });

  test('has no backend-protocol annotation for an HTTP service', () => {
    expect(ingress.metadata.annotations).not.toHaveProperty(['nginx.ingress.kubernetes.io/backend-protocol']);
  });

  test("is the WebService construct's public `ingress` field", () => {
    const { stack } = buildChart(resolve(PUBLIC));
    expect(stack).toBeInstanceOf(WebService);
    expect((stack as WebService).ingress?.kind).toBe('Ingress');
    expect((stack as WebService).ingress?.node.id).toBe('ingress');
    expect((stack as WebService).httpRoute).toBeUndefined();
  });
});

describe('an internal app', () => {
  test('gets no Ingress and no HTTPRoute', () => {
    const manifests = synthApp(webDef());
    expect(kinds(manifests)).not.toContain('Ingress');
    expect(kinds(manifests)).not.toContain('HTTPRoute');
    expect(kinds(synthApp(webDef({ expose: Exposure.internal() })))).not.toContain('Ingress');
  });
});

describe('the NetworkPolicies around a public app (ingress mode)', () => {
  const graph = new NetworkGraph([
    ...synthApp(PUBLIC),
    ...synthApp(webDef({ name: 'orders' })),
    ...synthApp(workerDef()),
    outsider('ingress-nginx', 'ingress-nginx-controller'),
    outsider('elsewhere', 'stranger'),
  ]);

  test('let the ingress controller reach the public app on its serving port', () => {
    expect(graph).toAllow('ingress-nginx/ingress-nginx-controller', 'shop/checkout', 8080);
  });

  test("keep the controller off the app's other ports", () => {
    expect(graph).not.toAllow('ingress-nginx/ingress-nginx-controller', 'shop/checkout', 9090);
  });

  test('keep the controller away from internal apps', () => {
    expect(graph).not.toAllow('ingress-nginx/ingress-nginx-controller', 'shop/orders', 8080);
    expect(graph).not.toAllow('ingress-nginx/ingress-nginx-controller', 'shop/mailer', 8080);
  });

  test('let nobody else in on the serving port', () => {
    expect(graph).not.toAllow('elsewhere/stranger', 'shop/checkout', 8080);
    expect(graph).not.toAllow('shop/orders', 'shop/checkout', 8080);
  });

  test("follow the environment's controller namespace", () => {
    const env = testEnvironment({ ingress: { controllerNamespace: 'edge' } });
    const moved = new NetworkGraph([...synthApp(PUBLIC, env), outsider('edge', 'controller'), outsider('ingress-nginx', 'ingress-nginx-controller')]);
    expect(moved).toAllow('edge/controller', 'shop/checkout', 8080);
    expect(moved).not.toAllow('ingress-nginx/ingress-nginx-controller', 'shop/checkout', 8080);
  });
});

describe('schema and policy', () => {
  const fleet = [
    PUBLIC,
    webDef({ name: 'api', protocol: 'grpc', port: 50051, expose: Exposure.public({ paths: ['/acme.Orders'] }) }),
    webDef({ name: 'orders' }),
  ];
  const environments = [testEnvironment({ name: 'dev', cluster: 'dev-test', domain: 'dev.acme.dev' }), { ...PROD, domain: 'acme.dev' }];

  test('pass a fleet with public apps in ingress mode', () => {
    const reports = checkFleet(fleet, environments);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ passed: true, environments: ['dev', 'prod'], summary: { errors: 0 } });
  });

  test('validate the Ingress objects against the schema (an unknown field fails)', () => {
    const error = expectError<CheckFailedError>(() =>
      checkFleet(fleet, environments, (m) => {
        if (m.kind === 'Ingress' && m.metadata.name === 'api') m.spec.tls[0].issuer = 'letsencrypt';
      }),
    );
    expect(error).toBeInstanceOf(CheckFailedError);
    expect(error.message).toContain('Ingress shop/api');
    expect(error.message).toContain('[schema]');
  });

  test('check the Ingress objects (a broken backend fails)', () => {
    const error = expectError<CheckFailedError>(() =>
      checkFleet(fleet, environments, (m) => {
        if (m.kind === 'Ingress' && m.metadata.name === 'checkout') m.spec.rules[0].http.paths[0].backend.service.port.name = 'web';
      }),
    );
    expect(error).toBeInstanceOf(CheckFailedError);
    expect(error.message).toContain('[ingress-backend-exists]');
    expect(error.message).toContain('Ingress shop/checkout');
  });
});
