import { Exposure } from '../../lib/model/exposure';
import { Environment } from '../../lib/model/environment';
import { NetworkGraph } from '../../lib/network/reachability';
import { CheckFailedError } from '../../lib/policy/check-failed-error';
import { buildChart } from '../../lib/stacks/build-chart';
import { WebService } from '../../lib/stacks/web-service';
import { expectError, find, kinds, resolve, synthApp, testEnvironment, webDef, workerDef } from '../helpers';
import { PROD } from '../policy/policy-helpers';
import { checkFleet, outsider } from './exposure-helpers';

const GATEWAY_MODE = { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway', sectionName: 'https' } } as const;
const GATEWAY: Environment = testEnvironment({ domain: 'acme.dev', ingress: GATEWAY_MODE });
const PUBLIC = webDef({ expose: Exposure.public({ host: 'shop', paths: ['/', '/api'] }), metricsPort: 9090 });

describe('the HTTPRoute of a public app in gateway mode', () => {
  const manifests = synthApp(PUBLIC, GATEWAY);
  const route = find(manifests, 'HTTPRoute', 'checkout');

  test("is a gateway.networking.k8s.io/v1 HTTPRoute in the app's namespace", () => {
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata.namespace).toBe('shop');
    expect(route.metadata.labels['app.kubernetes.io/name']).toBe('checkout');
  });

  test("attaches to the platform's Gateway and listener", () => {
    expect(route.spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateway', sectionName: 'https' }]);
  });

  test('leaves the listener out when the platform names none', () => {
    const env = testEnvironment({ ingress: { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway' } } });
    expect(find(synthApp(PUBLIC, env), 'HTTPRoute', 'checkout').spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateway' }]);
  });

  test("matches the app's host under the environment's domain", () => {
    expect(route.spec.hostnames).toEqual(['shop.acme.dev']);
    const dev = find(synthApp(PUBLIC, testEnvironment({ name: 'dev', domain: 'dev.acme.dev', ingress: GATEWAY_MODE })), 'HTTPRoute', 'checkout');
    expect(dev.spec.hostnames).toEqual(['shop.dev.acme.dev']);
  });

  test('sends each declared path prefix to the Service on its serving port', () => {
    expect(route.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }, { path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [{ name: 'checkout', port: 8080 }],
      },
    ]);
  });

  test("asks for no certificate: TLS is the Gateway listener's job", () => {
    expect(kinds(manifests)).not.toContain('Ingress');
    expect(kinds(manifests)).not.toContain('Certificate');
    expect(route.metadata.annotations).not.toHaveProperty(['cert-manager.io/cluster-issuer']);
  });

  test("is the WebService construct's public `httpRoute` field", () => {
    const { stack } = buildChart(resolve(PUBLIC, GATEWAY));
    expect((stack as WebService).httpRoute?.kind).toBe('HTTPRoute');
    expect((stack as WebService).httpRoute?.node.id).toBe('http-route');
    expect((stack as WebService).ingress).toBeUndefined();
  });

  test('is not made for an internal app', () => {
    expect(kinds(synthApp(webDef(), GATEWAY))).not.toContain('HTTPRoute');
  });
});

describe('the NetworkPolicies around a public app (gateway mode)', () => {
  const graph = new NetworkGraph([
    ...synthApp(PUBLIC, GATEWAY),
    ...synthApp(webDef({ name: 'orders' }), GATEWAY),
    ...synthApp(workerDef(), GATEWAY),
    outsider('gateway', 'gateway-proxy'),
    outsider('ingress-nginx', 'ingress-nginx-controller'),
  ]);

  test("let the gateway's proxies reach the public app on its serving port, and no other port", () => {
    expect(graph).toAllow('gateway/gateway-proxy', 'shop/checkout', 8080);
    expect(graph).not.toAllow('gateway/gateway-proxy', 'shop/checkout', 9090);
  });

  test('keep the gateway away from internal apps', () => {
    expect(graph).not.toAllow('gateway/gateway-proxy', 'shop/orders', 8080);
    expect(graph).not.toAllow('gateway/gateway-proxy', 'shop/mailer', 8080);
  });

  test("admit the gateway's namespace instead of the ingress controller's", () => {
    expect(graph).not.toAllow('ingress-nginx/ingress-nginx-controller', 'shop/checkout', 8080);
  });

  test('admit the proxy namespace when the proxies run apart from the Gateway', () => {
    const env = testEnvironment({ ingress: { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway', proxyNamespace: 'envoy-gateway-system' } } });
    const apart = new NetworkGraph([...synthApp(PUBLIC, env), outsider('envoy-gateway-system', 'envoy'), outsider('gateway', 'gateway-proxy')]);
    expect(apart).toAllow('envoy-gateway-system/envoy', 'shop/checkout', 8080);
    expect(apart).not.toAllow('gateway/gateway-proxy', 'shop/checkout', 8080);
  });
});

describe('schema and policy (gateway mode)', () => {
  const fleet = [PUBLIC, webDef({ name: 'orders', expose: Exposure.public({ host: 'shop', paths: ['/orders'] }) }), webDef({ name: 'ledger' })];
  const environments = [
    testEnvironment({ name: 'dev', cluster: 'dev-test', domain: 'dev.acme.dev', ingress: GATEWAY_MODE }),
    { ...PROD, domain: 'acme.dev', ingress: GATEWAY_MODE },
  ];

  test('pass a fleet with public apps', () => {
    const reports = checkFleet(fleet, environments);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ passed: true, environments: ['dev', 'prod'], summary: { errors: 0 } });
  });

  test('validate the HTTPRoutes against the pinned CRD schema (a misspelt field fails)', () => {
    const error = expectError<CheckFailedError>(() =>
      checkFleet(fleet, environments, (m) => {
        if (m.kind === 'HTTPRoute' && m.metadata.name === 'orders') m.spec.hostname = m.spec.hostnames[0];
      }),
    );
    expect(error).toBeInstanceOf(CheckFailedError);
    expect(error.message).toContain('[schema]');
    expect(error.message).toContain('HTTPRoute shop/orders');
  });

  test('check the HTTPRoutes (a backend port the Service lacks fails)', () => {
    const error = expectError<CheckFailedError>(() =>
      checkFleet(fleet, environments, (m) => {
        if (m.kind === 'HTTPRoute' && m.metadata.name === 'checkout') m.spec.rules[0].backendRefs[0].port = 80;
      }),
    );
    expect(error.message).toContain('[http-route-backend-exists]');
    expect(error.message).toContain('HTTPRoute shop/checkout');
  });
});
