import { resolve } from 'node:path';
import { NetworkGraph } from '../../lib/network/reachability';
import { Manifest } from '../../lib/manifest/manifest';
import { loadProject } from '../../lib/pipeline/load-project';
import { render } from '../../lib/pipeline/synthesize';

const project = loadProject(resolve(__dirname, '../..'));
const { rendered, platform } = render({ ...project, releases: project.releases.pin });

function graphOf(environment: string): NetworkGraph {
  const manifests: Manifest[] = [
    ...rendered.filter((r) => r.app.environment === environment).flatMap((r) => r.manifests),
    ...platform.filter((p) => p.environment === environment).flatMap((p) => p.manifests),
    // The ingress controller and Prometheus live outside the fleet; model their pods so the edges can be checked.
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, spec: { template: { metadata: { labels: { app: 'ingress-nginx' } } } } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prometheus', namespace: 'monitoring' }, spec: { template: { metadata: { labels: { app: 'prometheus' } } } } },
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

  test('denies a declared edge on another port', () => {
    expect(graph).not.toAllow('shop/storefront', 'shop/checkout-api', 9090);
    expect(graph).not.toAllow('shop/checkout-api', 'payments/payment-gateway', 8080);
  });

  test('lets every pod resolve DNS and nothing else by default', () => {
    const dns: Manifest = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' }, spec: { template: { metadata: { labels: { 'k8s-app': 'kube-dns' } } } } };
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

describe('NetworkGraph', () => {
  const ns = (name: string, labels: Record<string, string> = {}): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } as never });
  const pod = (namespace: string, name: string, labels: Record<string, string>, ports: Record<string, number> = {}): Manifest => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name, ports: Object.entries(ports).map(([n, p]) => ({ name: n, containerPort: p })) }] } } },
  });
  const policy = (namespace: string, spec: Record<string, unknown>): Manifest => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace }, spec });

  test('allows everything when no policy selects the pods', () => {
    const g = new NetworkGraph([pod('a', 'x', { app: 'x' }), pod('b', 'y', { app: 'y' })]);
    expect(g).toAllow('a/x', 'b/y', 1234);
  });

  test('isolates only the direction a policy names', () => {
    const g = new NetworkGraph([pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }), policy('a', { podSelector: { matchLabels: { app: 'y' } }, policyTypes: ['Ingress'], ingress: [] })]);
    expect(g).not.toAllow('a/x', 'a/y', 80);
    expect(g).toAllow('a/y', 'a/x', 80);
  });

  test('resolves named ports against the destination pod and honours endPort', () => {
    const g = new NetworkGraph([
      pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }, { http: 8080 }),
      policy('a', { podSelector: { matchLabels: { app: 'y' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'http' }, { port: 9000, endPort: 9010 }] }] }),
    ]);
    expect(g).toAllow('a/x', 'a/y', 8080);
    expect(g).toAllow('a/x', 'a/y', 9005);
    expect(g).not.toAllow('a/x', 'a/y', 9011);
  });

  test('matches namespaces by label and by matchExpressions', () => {
    const g = new NetworkGraph([
      ns('a', { tier: 'front' }), ns('b', { tier: 'back' }),
      pod('a', 'x', { app: 'x' }), pod('b', 'y', { app: 'y' }), pod('b', 'z', { app: 'z' }),
      policy('b', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] } }] }] }),
    ]);
    expect(g).toAllow('a/x', 'b/y', 80);
    expect(g).not.toAllow('b/z', 'b/y', 80);
  });

  test('needs both the egress of the source and the ingress of the destination', () => {
    const g = new NetworkGraph([
      pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }),
      policy('a', { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Egress'], egress: [] }),
    ]);
    expect(g).not.toAllow('a/x', 'a/y', 80);
  });
});
