import { NetworkGraph } from '../../lib/network/reachability';
import { Manifest } from '../../lib/manifest/manifest';
import { sampleFleet } from '../fixtures/sample-fleet';

/** The declared edges of the sample fleet (apps/), checked on its rendered NetworkPolicies. */
const { rendered, platform } = sampleFleet();

function graphOf(environment: string): NetworkGraph {
  const manifests: Manifest[] = [
    ...rendered.filter((r) => r.app.environment === environment).flatMap((r) => r.manifests),
    ...platform.filter((p) => p.environment === environment).flatMap((p) => p.manifests),
    // The ingress controller and Prometheus live outside the fleet; model their pods so the edges can be checked.
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
      spec: { template: { metadata: { labels: { app: 'ingress-nginx' } } } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'prometheus', namespace: 'monitoring' },
      spec: { template: { metadata: { labels: { app: 'prometheus' } } } },
    },
  ];
  return new NetworkGraph(manifests);
}

describe.each(['dev', 'staging', 'prod'])('the sample fleet in %s', (env) => {
  const graph = graphOf(env);

  test('lets every declared caller reach its callee on the callee port', () => {
    expect(graph).toAllow('ingress-nginx/ingress-nginx-controller', 'shop/storefront', 8080);
    expect(graph).toAllow('shop/storefront', 'shop/checkout-api', 8080);
    expect(graph).toAllow('shop/checkout-api', 'payments/payment-gateway', 50051);
  });

  test('denies edges nobody declared', () => {
    expect(graph).not.toAllow('shop/storefront', 'payments/payment-gateway', 50051);
    expect(graph).not.toAllow('shop/checkout-api', 'shop/storefront', 8080);
    expect(graph).not.toAllow('payments/payment-gateway', 'shop/checkout-api', 8080);
    expect(graph).not.toAllow('payments/ledger-worker', 'payments/payment-gateway', 50051);
    expect(graph).not.toAllow('ingress-nginx/ingress-nginx-controller', 'shop/checkout-api', 8080);
  });

  test('lets Prometheus scrape the metrics port of every monitored app, and only that port', () => {
    for (const app of ['shop/storefront', 'shop/checkout-api', 'payments/payment-gateway', 'payments/ledger-worker']) {
      expect(graph).toAllow('monitoring/prometheus', app, 9090);
    }
    expect(graph).not.toAllow('monitoring/prometheus', 'shop/storefront', 8080);
    expect(graph).not.toAllow('monitoring/prometheus', 'payments/payment-gateway', 50051);
  });

  test('lets the ledger reach its own database in dev (in the cluster), and nothing else reach it', () => {
    if (env !== 'dev') {
      expect(graph.workloads.some((w) => w.name === 'ledger-worker-ledger-db')).toBe(false);
      return;
    }
    expect(graph).toAllow('payments/ledger-worker', 'payments/ledger-worker-ledger-db', 5432);
    expect(graph).not.toAllow('payments/payment-gateway', 'payments/ledger-worker-ledger-db', 5432);
    expect(graph).not.toAllow('shop/checkout-api', 'payments/ledger-worker-ledger-db', 5432);
  });

  test('lets the callers of the shared orders-db reach it where it runs in the cluster (dev, staging), and nobody else', () => {
    if (env === 'prod') {
      expect(graph.workloads.some((w) => w.name === 'orders-db')).toBe(false);
      const worker = graph.workload('payments/ledger-worker');
      expect(graph.allowsEgressToIp(worker, '10.40.0.9', 5432)).toBe(true);
      return;
    }
    // checkout-api reaches the store through the shop's pooler, never directly.
    expect(graph).toAllow('shop/orders-pooler', 'shop/orders-db', 5432);
    expect(graph).not.toAllow('shop/checkout-api', 'shop/orders-db', 5432);
    expect(graph).toAllow('payments/ledger-worker', 'shop/orders-db', 5432);
    expect(graph).not.toAllow('shop/storefront', 'shop/orders-db', 5432);
    expect(graph).not.toAllow('payments/payment-gateway', 'shop/orders-db', 5432);
    // The report's dependencies differ per environment: the store in dev, a replica elsewhere.
    if (env === 'dev') expect(graph).toAllow('shop/sales-report', 'shop/orders-db', 5432);
    else expect(graph).not.toAllow('shop/sales-report', 'shop/orders-db', 5432);
  });

  test('runs the load generator in dev only, where it reaches the storefront', () => {
    if (env === 'dev') expect(graph).toAllow('shop/load-generator', 'shop/storefront', 8080);
    else expect(graph.workloads.some((w) => w.name === 'load-generator')).toBe(false);
  });

  test('denies a declared edge on another port', () => {
    expect(graph).not.toAllow('shop/storefront', 'shop/checkout-api', 9090);
    expect(graph).not.toAllow('shop/checkout-api', 'payments/payment-gateway', 8080);
  });

  test("opens a dependency on the callee's container port, not its Service port, and not its other ports", () => {
    // checkout-api's Service exposes 80 -> 8080 and gRPC 9999; storefront calls its primary (http) port.
    expect(graph).not.toAllow('shop/storefront', 'shop/checkout-api', 80);
    expect(graph).not.toAllow('shop/storefront', 'shop/checkout-api', 9999);
    // orders-pooler (TCP) listens on 6432 behind Service port 5432.
    expect(graph).toAllow('shop/checkout-api', 'shop/orders-pooler', 6432);
    expect(graph).not.toAllow('shop/checkout-api', 'shop/orders-pooler', 5432);
    expect(graph).not.toAllow('shop/storefront', 'shop/orders-pooler', 6432);
  });

  test('lets every pod resolve DNS and nothing else by default', () => {
    const dns: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      spec: { template: { metadata: { labels: { 'k8s-app': 'kube-dns' } } } },
    };
    const withDns = new NetworkGraph([...rendered.filter((r) => r.app.environment === env).flatMap((r) => r.manifests), dns]);
    for (const w of withDns.workloads.filter((w) => w.namespace !== 'kube-system')) {
      expect(withDns).toAllow(`${w.namespace}/${w.name}`, 'kube-system/coredns', 53, 'UDP');
    }
    expect(withDns.allowsEgressToIp(withDns.workload('shop/storefront'), '8.8.8.8', 53, 'UDP')).toBe(false);
  });

  test('allows declared external egress only to its block and port', () => {
    const worker = graph.workload('payments/ledger-worker');
    expect(graph.allowsEgressToIp(worker, '10.30.1.2', 5672)).toBe(true);
    expect(graph.allowsEgressToIp(worker, '10.30.1.2', 5432)).toBe(false);
    expect(graph.allowsEgressToIp(worker, '10.31.0.1', 5672)).toBe(false);
  });
});
