import { Peer } from '../../../lib/model/peer';
import { webDef } from '../../helpers';
import { appTree, craftedTree, edit, flagged, review, without } from '../tree-fixtures';

const ingress = (rules: { host?: string; paths: string[] }[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    rules: rules.map((r) => ({
      ...(r.host ? { host: r.host } : {}),
      http: { paths: r.paths.map((path) => ({ path, pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } })) },
    })),
  },
});
const route = (hostnames: string[], gateway = 'public') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { hostnames, parentRefs: [{ name: gateway, namespace: 'gateways' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
});
const tree = (...objects: object[]) => craftedTree({ 'prod/shop/web.yaml': objects });

describe('exposure widened: Ingress and HTTPRoute', () => {
  test('flags a new Ingress host, and a new path on a known host', () => {
    const before = tree(ingress([{ host: 'shop.example.com', paths: ['/'] }]));
    expect(flagged(review(tree(), before), 'exposure/new-host')).toEqual(["Ingress shop/web: new Ingress host 'shop.example.com'"]);
    const after = tree(
      ingress([
        { host: 'shop.example.com', paths: ['/', '/admin'] },
        { host: 'api.example.com', paths: ['/'] },
      ]),
    );
    const report = review(before, after);
    expect(flagged(report, 'exposure/new-host')).toEqual(["Ingress shop/web: new Ingress host 'api.example.com'"]);
    expect(flagged(report, 'exposure/new-path')).toEqual(["Ingress shop/web: new Ingress path /admin on 'shop.example.com'"]);
  });

  test('flags a rule without a host as a catch-all', () => {
    expect(flagged(review(tree(), tree(ingress([{ paths: ['/'] }]))), 'exposure/new-host')).toEqual([
      'Ingress shop/web: new catch-all Ingress rule (no host): answers for every host name',
    ]);
  });

  test('does not flag an Ingress that loses a host', () => {
    const before = tree(
      ingress([
        { host: 'a.example.com', paths: ['/'] },
        { host: 'b.example.com', paths: ['/'] },
      ]),
    );
    expect(review(before, tree(ingress([{ host: 'a.example.com', paths: ['/'] }]))).risks.filter((r) => r.family === 'exposure')).toEqual([]);
  });

  test('flags a new HTTPRoute hostname and a new Gateway', () => {
    const report = review(tree(route(['shop.example.com'])), tree(route(['shop.example.com', 'www.example.com'], 'internet')));
    expect(flagged(report, 'exposure/new-host')).toEqual(["HTTPRoute shop/web: new HTTPRoute hostname 'www.example.com'"]);
    expect(flagged(report, 'exposure/new-gateway')).toEqual(['HTTPRoute shop/web: HTTPRoute attached to another Gateway: gateways/internet']);
  });
});

describe('exposure widened: Service', () => {
  const before = appTree([webDef({ name: 'web' })]);

  test('flags a Service type change that reaches outside the cluster', () => {
    const after = edit(before, 'prod', 'Service shop/web', (s) => (s.spec.type = 'LoadBalancer'));
    expect(flagged(review(before, after), 'exposure/service-type')).toEqual([
      'Service shop/web: Service type ClusterIP -> LoadBalancer: now reachable from outside the cluster',
    ]);
  });

  test('flags a new NodePort Service, and not a new ClusterIP one', () => {
    const svc = (type: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { type, ports: [{ port: 80 }] } });
    expect(flagged(review(tree(), tree(svc('NodePort'))), 'exposure/service-type')).toEqual([
      'Service shop/web: new Service of type NodePort: reachable from outside the cluster',
    ]);
    expect(review(tree(), tree(svc('ClusterIP'))).risks.filter((r) => r.family === 'exposure')).toEqual([]);
  });

  test('flags load-balancer source ranges that open up', () => {
    const lb = (ranges: string[]) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ranges, ports: [{ port: 443 }] },
    });
    expect(flagged(review(tree(lb(['10.0.0.0/8'])), tree(lb([]))), 'exposure/source-ranges')).toEqual([
      'Service shop/web: loadBalancerSourceRanges removed: the load balancer accepts every source address',
    ]);
  });
});

describe('exposure widened: NetworkPolicy', () => {
  const before = appTree([webDef({ name: 'web', network: { ingress: [Peer.app('storefront')] } })]);

  test('flags a new peer allowed in', () => {
    const after = appTree([webDef({ name: 'web', network: { ingress: [Peer.app('storefront'), Peer.namespace('monitoring')] } })]);
    expect(flagged(review(before, after), 'exposure/network-policy')).toEqual([
      'NetworkPolicy shop/web: allows more ingress: from every pod in namespaces {kubernetes.io/metadata.name=monitoring} on TCP/8080',
    ]);
  });

  test('flags a new egress destination', () => {
    const after = appTree([webDef({ name: 'web', network: { ingress: [Peer.app('storefront')], egress: [Peer.cidr('0.0.0.0/0', { port: 443 })] } })]);
    expect(flagged(review(before, after), 'exposure/network-policy')).toEqual(['NetworkPolicy shop/web: allows more egress: to 0.0.0.0/0 on TCP/443']);
  });

  test('does not flag a policy that allows less, or a narrower address block', () => {
    const narrower = appTree([webDef({ name: 'web', network: { ingress: [] } })]);
    expect(review(before, narrower).risks.filter((r) => r.family === 'exposure')).toEqual([]);
    const wide = appTree([webDef({ name: 'web', network: { egress: [Peer.cidr('10.0.0.0/8', { port: 5432 })] } })]);
    const small = appTree([webDef({ name: 'web', network: { egress: [Peer.cidr('10.20.0.0/16', { port: 5432 })] } })]);
    expect(review(wide, small).risks.filter((r) => r.family === 'exposure')).toEqual([]);
    expect(flagged(review(small, wide), 'exposure/network-policy')).toEqual(['NetworkPolicy shop/web: allows more egress: to 10.0.0.0/8 on TCP/5432']);
  });

  test('flags a policy that stops restricting a direction', () => {
    const after = edit(before, 'prod', 'NetworkPolicy shop/web', (p) => (p.spec.policyTypes = ['Ingress']));
    expect(flagged(review(before, after), 'exposure/network-policy')).toEqual([
      'NetworkPolicy shop/web: no longer restricts egress (Egress left its policyTypes)',
    ]);
  });

  test('flags a removed NetworkPolicy', () => {
    const after = without(before, 'prod', 'NetworkPolicy shop/web');
    expect(flagged(review(before, after), 'exposure/network-policy-removed')).toHaveLength(1);
  });
});
