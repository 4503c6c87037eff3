import { Problems, ValidationError } from '../../lib/internal/errors';
import { AppDefinition } from '../../lib/model/app-definition';
import { Dependency } from '../../lib/model/dependency';
import { ResolvedApp } from '../../lib/model/resolved-app';
import { addressVariable, resolveGraph } from '../../lib/environments/resolve-graph';
import { resolveEnvironmentApps } from '../../lib/environments/resolve-environment-apps';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { NetworkGraph } from '../../lib/network/reachability';
import { expectError, resolve, resolvedEnvironment, sourced, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

const payments = webDef({ name: 'payments', team: 'pay', protocol: 'grpc', port: 50051, metricsPort: 9090 } as never);
const checkout = webDef({ name: 'checkout', team: 'shop', dependsOn: [payments] });

function resolveAll(defs: AppDefinition[]): ResolvedApp[] {
  const problems = new Problems();
  const apps = resolveEnvironmentApps(
    defs.map((d) => sourced(d)),
    resolvedEnvironment(),
    () => undefined,
    problems,
  );
  problems.throwIfAny();
  return apps;
}
const byName = (apps: ResolvedApp[], name: string) => apps.find((a) => a.name === name)!;

describe('resolveGraph', () => {
  test('opens the caller egress and the callee ingress on the callee serving port, across namespaces', () => {
    const apps = resolveAll([checkout, payments]);
    expect(byName(apps, 'checkout').network.egress).toContainEqual({ kind: 'app', app: 'payments', namespace: 'pay', port: 50051, protocol: 'TCP' });
    expect(byName(apps, 'payments').network.ingress).toContainEqual({ kind: 'app', app: 'checkout', namespace: 'shop', port: 50051, protocol: 'TCP' });
  });

  test('gives the caller the callee address as <CALLEE>_ADDR, with its provenance', () => {
    const caller = byName(resolveAll([checkout, payments]), 'checkout');
    expect(caller.env).toContainEqual({ name: 'PAYMENTS_ADDR', value: 'payments.pay.svc.cluster.local:50051' });
    expect(caller.provenance['env.PAYMENTS_ADDR']).toBe('app');
    expect(addressVariable('payment-gateway')).toBe('PAYMENT_GATEWAY_ADDR');
  });

  test('names a callee in the same namespace by its short name, one in another namespace fully qualified', () => {
    const cart = webDef({ name: 'cart', team: 'shop', port: 7000 });
    const web = webDef({ name: 'web', team: 'shop', dependsOn: [cart, payments] });
    const caller = byName(resolveAll([web, cart, payments]), 'web');
    expect(caller.env).toContainEqual({ name: 'CART_ADDR', value: 'cart:7000' });
    expect(caller.env).toContainEqual({ name: 'PAYMENTS_ADDR', value: 'payments.pay.svc.cluster.local:50051' });
  });

  test("accepts the callee as 'team/name', a named port and a custom variable", () => {
    const caller = webDef({ name: 'checkout', dependsOn: [Dependency.on('pay/payments', { port: 'metrics', env: 'PAYMENTS_METRICS' })] });
    const apps = resolveAll([caller, payments]);
    expect(byName(apps, 'checkout').env).toContainEqual({ name: 'PAYMENTS_METRICS', value: 'payments.pay.svc.cluster.local:9090' });
    expect(byName(apps, 'payments').network.ingress).toContainEqual(expect.objectContaining({ app: 'checkout', port: 9090 }));
  });

  test('derives the same edges in every environment, with each environment namespaces', () => {
    const rendered = renderFleet({
      apps: [sourced(checkout), sourced(payments)],
      environments: [testEnvironment({ name: 'dev', namespacePattern: '{team}-{env}' }), testEnvironment({ name: 'prod' })],
    });
    const dev = rendered.find((r) => r.app.environment === 'dev' && r.app.name === 'checkout')!;
    expect(dev.app.env).toContainEqual({ name: 'PAYMENTS_ADDR', value: 'payments.pay-dev.svc.cluster.local:50051' });
    const graph = new NetworkGraph(rendered.filter((r) => r.app.environment === 'dev').flatMap((r) => r.manifests));
    expect(graph).toAllow('shop-dev/checkout', 'pay-dev/payments', 50051);
    expect(graph).not.toAllow('pay-dev/payments', 'shop-dev/checkout', 8080);
  });

  test('fails on an unknown app, naming both apps', () => {
    const error = expectError<ValidationError>(() => resolveAll([webDef({ name: 'checkout', dependsOn: [Dependency.on('pay/paymnts')] }), payments]));
    expect(error.code).toBe('E_UNKNOWN_DEPENDENCY');
    expect(error.message).toContain(
      "apps/shop/checkout.ts: app 'checkout': environment 'prod': 'dependsOn[0]' 'checkout' depends on 'pay/paymnts', which is not an app or data store of the fleet",
    );
  });

  test('fails on a definition that is not registered in the fleet', () => {
    const error = expectError<ValidationError>(() => resolveAll([checkout]));
    expect(error.message).toContain("'checkout' depends on 'pay/payments', which is not an app or data store of the fleet");
  });

  test('fails on a callee that serves no port', () => {
    const mailer = workerDef({ name: 'mailer' });
    const error = expectError<ValidationError>(() => resolveAll([webDef({ name: 'checkout', dependsOn: [mailer] }), mailer]));
    expect(error.code).toBe('E_DEPENDENCY_PORT');
    expect(error.message).toContain("names 'shop/mailer', a worker that serves no port");
  });

  describe('a callee with several ports and a Service port of its own', () => {
    const api = webDef({ name: 'api', team: 'pay', ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999 } } });

    test('calls the primary port by default: the address dials the Service port, both policies name the container port', () => {
      const apps = resolveAll([webDef({ name: 'checkout', dependsOn: [api] }), api]);
      expect(byName(apps, 'checkout').env).toContainEqual({ name: 'API_ADDR', value: 'api.pay.svc.cluster.local:80' });
      expect(byName(apps, 'checkout').network.egress).toContainEqual({ kind: 'app', app: 'api', namespace: 'pay', port: 8080, protocol: 'TCP' });
      expect(byName(apps, 'api').network.ingress).toEqual([{ kind: 'app', app: 'checkout', namespace: 'shop', port: 8080, protocol: 'TCP' }]);
    });

    test('follows the port the dependency names, on both sides and in the address', () => {
      const apps = resolveAll([webDef({ name: 'checkout', dependsOn: [Dependency.on(api, { port: 'grpc' })] }), api]);
      expect(byName(apps, 'checkout').env).toContainEqual({ name: 'API_ADDR', value: 'api.pay.svc.cluster.local:9999' });
      expect(byName(apps, 'checkout').network.egress).toContainEqual({ kind: 'app', app: 'api', namespace: 'pay', port: 9999, protocol: 'TCP' });
      expect(byName(apps, 'api').network.ingress).toEqual([{ kind: 'app', app: 'checkout', namespace: 'shop', port: 9999, protocol: 'TCP' }]);
    });

    test('renders NetworkPolicies that let the caller reach that port and no other', () => {
      const rendered = renderFleet({
        apps: [sourced(webDef({ name: 'checkout', dependsOn: [Dependency.on(api, { port: 'grpc' })] })), sourced(api)],
        environments: [testEnvironment()],
      });
      const graph = new NetworkGraph(rendered.flatMap((r) => r.manifests));
      expect(graph).toAllow('shop/checkout', 'pay/api', 9999);
      expect(graph).not.toAllow('shop/checkout', 'pay/api', 8080);
    });

    test("fails on a port the callee lacks, at the dependency's port, naming the callee's ports", () => {
      const error = expectError<ValidationError>(() => resolveAll([webDef({ name: 'checkout', dependsOn: [Dependency.on(api, { port: 'grcp' })] }), api]));
      expect(error.code).toBe('E_DEPENDENCY_PORT');
      expect(error.problems[0]).toMatchObject({
        field: 'dependsOn[0].port',
        value: 'grcp',
        app: 'checkout',
        environment: 'prod',
        source: 'apps/shop/checkout.ts',
      });
      expect(error.message).toContain(
        "'dependsOn[0].port' names port 'grcp', which 'pay/api' does not declare (declared: 'http', 'grpc') (got \"grcp\"). Fix: name one of 'http', 'grpc' [E_DEPENDENCY_PORT]",
      );
    });
  });

  test('fails on an undefined entry, pointing at circular imports', () => {
    const error = expectError<ValidationError>(() => resolveAll([webDef({ name: 'checkout', dependsOn: [undefined] } as never)]));
    expect(error.message).toContain('circular import');
    expect(error.message).toContain("Dependency.on('team/name')");
  });

  test('fails when the app also sets the address variable differently', () => {
    const error = expectError<ValidationError>(() =>
      resolveAll([webDef({ name: 'checkout', env: { PAYMENTS_ADDR: 'elsewhere:1' }, dependsOn: [payments] }), payments]),
    );
    expect(error.code).toBe('E_ENV_CONFLICT');
    expect(error.message).toContain("'env.PAYMENTS_ADDR' is also set by dependsOn[0]");
  });

  test('opens egress to an external host through its address blocks and gives its address', () => {
    const task = taskDef({ dependsOn: [Dependency.host('stripe', { host: 'api.stripe.com', port: 443, cidrs: ['198.51.100.0/24', '203.0.113.0/24'] })] });
    const [app] = resolveAll([task]);
    expect(app.env).toContainEqual({ name: 'STRIPE_ADDR', value: 'api.stripe.com:443' });
    expect(app.network.egress.filter((p) => p.kind === 'cidr').map((p) => p.cidr)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
  });

  test('rejects an external host without address blocks', () => {
    const error = expectError<ValidationError>(() =>
      resolveAll([taskDef({ dependsOn: [Dependency.host('stripe', { host: 'api.stripe.com', port: 443, cidrs: [] })] })]),
    );
    expect(error.message).toContain('names no address blocks (cidrs)');
  });

  test('opens each edge once when a raw peer repeats a dependency', () => {
    const app = byName(
      resolveAll([
        webDef({ name: 'checkout', dependsOn: [payments], network: { egress: [{ kind: 'app', app: 'payments', namespace: 'pay', port: 50051 }] } } as never),
        payments,
      ]),
      'checkout',
    );
    expect(app.network.egress.filter((p) => p.app === 'payments')).toHaveLength(1);
  });

  test('leaves apps without dependencies as they were', () => {
    const problems = new Problems();
    const node = { sourced: sourced(webDef()), app: resolveAll([webDef()])[0] };
    expect(resolveGraph([node], problems)[0]).toEqual(node.app);
    expect(problems.size).toBe(0);
  });

  test('gives back the app resolved alone when the dependencies add and reorder nothing, and the parts of it they leave as they were', () => {
    const nodeOf = (def: AppDefinition) => ({ sourced: sourced(def), app: resolve(def) });
    const [caller, callee, alone] = [nodeOf(checkout), nodeOf(payments), nodeOf(webDef({ name: 'cart', team: 'shop' }))];
    const referring = nodeOf(webDef({ name: 'search', team: 'shop', env: { A_URL: 'http://$(B_HOST)', B_HOST: 'b' } }));
    const problems = new Problems();
    const [called, calling, untouched, reordered] = resolveGraph([callee, caller, alone, referring], problems);
    expect(problems.size).toBe(0);
    expect(untouched).toBe(alone.app);
    expect(called).not.toBe(callee.app);
    expect(called.env).toBe(callee.app.env);
    expect(called.network.egress).toBe(callee.app.network.egress);
    expect(called.provenance).toBe(callee.app.provenance);
    expect(called.network.ingress).toContainEqual({ kind: 'app', app: 'checkout', namespace: 'shop', port: 50051, protocol: 'TCP' });
    expect(calling.network.ingress).toBe(caller.app.network.ingress);
    expect(calling.provenance).not.toBe(caller.app.provenance);
    expect(calling.provenance['env.PAYMENTS_ADDR']).toBe('app');
    // A variable that refers to another comes after it: a new list, the app a new object.
    expect(reordered).not.toBe(referring.app);
    expect(referring.app.env.map((e) => e.name)).toEqual(['A_URL', 'B_HOST', 'LOG_LEVEL']);
    expect(reordered.env.map((e) => e.name)).toEqual(['B_HOST', 'A_URL', 'LOG_LEVEL']);
    expect(reordered.network).toBe(referring.app.network);
  });
});
