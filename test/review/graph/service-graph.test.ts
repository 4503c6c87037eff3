import { join } from 'node:path';
import { Manifest } from '../../../lib/manifest/manifest';
import { NetworkGraph } from '../../../lib/network/reachability';
import { formatDot } from '../../../lib/review/graph/format-dot';
import { formatMermaid } from '../../../lib/review/graph/format-mermaid';
import { graphSvg } from '../../../lib/review/graph/graph-svg';
import { focusGraph } from '../../../lib/review/graph/graph-view';
import { ServiceGraph, serviceGraph } from '../../../lib/review/graph/service-graph';
import { manifestsIn, readTree } from '../../../lib/review/rendered-tree';
import { REPO } from '../../fixtures/sample-fleet';

/** The sample fleet as committed in dist/ (the golden output). */
const tree = readTree(join(REPO, 'dist'));
const graphOf = (env: string): ServiceGraph => serviceGraph(env, manifestsIn(tree, env));
const edgeLines = (g: ServiceGraph) => g.edges.map((e) => `${e.from} -> ${e.to} : ${e.ports.join(',')}`);

describe('the service graph of the sample fleet', () => {
  // The sample's declared connections; the every-edge test below proves there are no others, so a
  // new sample app adds edges without breaking these.
  test('prod: every connection its NetworkPolicies allow, with ports', () => {
    expect(edgeLines(graphOf('prod'))).toEqual(
      expect.arrayContaining([
        'ingress-nginx -> shop/storefront : 8080',
        'monitoring -> payments/ledger-worker : 9090',
        'monitoring -> payments/payment-gateway : 9090',
        'monitoring -> shop/checkout-api : 9090',
        'monitoring -> shop/storefront : 9090',
        'payments/ledger-worker -> 10.30.0.0/16 : 5672',
        'payments/ledger-worker -> 10.40.0.0/16 : 5432',
        'payments/payment-gateway -> 203.0.113.0/24 : 443',
        'shop/checkout-api -> payments/payment-gateway : 50051',
        'shop/checkout-api -> shop/orders-pooler : 6432',
        'shop/orders-pooler -> 10.40.0.0/16 : 5432',
        'shop/sales-report -> 10.40.0.0/16 : 5432',
        'shop/storefront -> shop/checkout-api : 8080',
        'shop/storefront -> shop/search-index : 7700',
        'payments/payment-gateway -> payments/card-vault : 8443',
      ]),
    );
  });

  test('dev: the ledger reaches its in-cluster database, drawn as a data store of its team', () => {
    const dev = graphOf('dev');
    expect(edgeLines(dev)).toContain('payments/ledger-worker -> payments/ledger-worker-ledger-db : 5432');
    expect(dev.nodes.find((n) => n.id === 'payments/ledger-worker-ledger-db')).toEqual({
      id: 'payments/ledger-worker-ledger-db',
      kind: 'data-store',
      label: 'ledger-worker-ledger-db',
      group: 'payments',
      workload: 'StatefulSet',
    });
  });

  test('nodes: teams, the ingress controller of the public app, the platform namespaces, address blocks', () => {
    const lines = graphOf('prod').nodes.map((n) => `${n.group} ${n.kind} ${n.id}${n.hosts ? ` ${n.hosts.join(',')}` : ''}`);
    // Platform peers first, address blocks last.
    expect(lines.slice(0, 2)).toEqual(['platform ingress ingress-nginx', 'platform platform monitoring']);
    expect(lines.slice(-1)[0]).toMatch(/^external external /);
    expect(lines).toEqual(
      expect.arrayContaining([
        'platform ingress ingress-nginx',
        'platform platform monitoring',
        'payments app payments/ledger-worker',
        'payments app payments/payment-gateway',
        'shop app shop/checkout-api',
        'shop app shop/orders-pooler',
        'shop app shop/sales-report',
        'shop app shop/search-index',
        'shop app shop/storefront shop.acme.com',
        'external external 10.30.0.0/16',
        'external external 10.40.0.0/16',
        'external external 203.0.113.0/24',
      ]),
    );
  });

  /**
   * The reachability evaluator asked directly, for every pair of pods (with the peers outside the
   * fleet modelled as the policies name them) and every port either tree mentions: what it allows,
   * and nothing else, is in the graph. DNS and connections between two pods outside the fleet
   * (whose policies the tree does not hold) are out of the graph's scope.
   */
  test.each(['dev', 'staging', 'prod'])('%s: holds every edge the reachability evaluator allows, and nothing else', (env) => {
    const outside: Manifest[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'controller', namespace: 'ingress-nginx' },
        spec: { template: { metadata: { labels: {} } } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'prometheus', namespace: 'monitoring' },
        spec: { template: { metadata: { labels: {} } } },
      },
    ];
    const helper = new NetworkGraph([...manifestsIn(tree, env), ...outside]);
    const nodeId = (w: { namespace: string; name: string }) =>
      ['ingress-nginx', 'monitoring'].includes(w.namespace) ? w.namespace : `${w.namespace}/${w.name}`;
    // Every port number the environment's objects name (container, Service and policy ports), so a new app's ports are asked about too.
    const ports = [...new Set([...JSON.stringify(manifestsIn(tree, env)).matchAll(/"(?:port|containerPort)":(\d+)/g)].map((m) => Number(m[1])))];
    // The first address of every block the YAML names.
    const probes = [...new Set([...JSON.stringify(manifestsIn(tree, env)).matchAll(/"cidr":"(\d+\.\d+\.\d+)\.0\/\d+"/g)].map((m) => `${m[1]}.1`))];
    const allowed: string[] = [];
    for (const from of helper.workloads) {
      for (const to of helper.workloads)
        if (from !== to && !(nodeId(from) === from.namespace && nodeId(to) === to.namespace))
          for (const port of ports) if (helper.allows(from, to, port)) allowed.push(`${nodeId(from)} -> ${nodeId(to)} : ${port}`);
      if (nodeId(from) !== from.namespace)
        for (const ip of probes) for (const port of ports) if (helper.allowsEgressToIp(from, ip, port)) allowed.push(`${nodeId(from)} -> ${ip} : ${port}`);
    }
    const drawn = graphOf(env).edges.flatMap((e) =>
      (e.ports[0] === 'any' ? ports.map(String) : e.ports).map((p) => `${e.from} -> ${e.to.replace(/\.0\/\d+$/, '.1')} : ${p}`),
    );
    expect(drawn.sort()).toEqual(allowed.sort());
    expect(drawn.length).toBeGreaterThan(9);
  });

  test('the same objects in any order give the same bytes in every format', () => {
    const manifests = manifestsIn(tree, 'dev');
    const a = serviceGraph('dev', manifests);
    const b = serviceGraph('dev', [...manifests].reverse());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(formatMermaid(b)).toBe(formatMermaid(a));
    expect(formatDot(b)).toBe(formatDot(a));
    expect(graphSvg(b)).toBe(graphSvg(a));
  });

  test('a team view keeps the team, its neighbours and only the edges that touch the team', () => {
    const payments = focusGraph(graphOf('prod'), (n) => n.group === 'payments');
    const ids = payments.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining(['monitoring', 'payments/ledger-worker', 'payments/payment-gateway', 'shop/checkout-api', '10.30.0.0/16', '203.0.113.0/24']),
    );
    // Every node outside the team is a neighbour: an edge joins it to the team.
    const team = new Set(payments.nodes.filter((n) => n.group === 'payments').map((n) => n.id));
    for (const id of ids.filter((i) => !team.has(i)))
      expect(payments.edges.some((e) => (e.from === id && team.has(e.to)) || (e.to === id && team.has(e.from)))).toBe(true);
    expect(ids).not.toContain('shop/storefront');
    expect(edgeLines(payments)).not.toContain('shop/storefront -> shop/checkout-api : 8080');
    expect(edgeLines(payments)).toContain('shop/checkout-api -> payments/payment-gateway : 50051');
  });

  test('a workload no NetworkPolicy selects can be reached by every peer on any port', () => {
    const objects = manifestsIn(tree, 'prod').filter((m) => !(m.kind === 'NetworkPolicy' && m.metadata.name === 'checkout-api'));
    const lines = edgeLines(serviceGraph('prod', objects));
    expect(lines).toContain('ingress-nginx -> shop/checkout-api : any');
    expect(lines).toContain('monitoring -> shop/checkout-api : any');
    expect(lines).toContain('shop/checkout-api -> payments/payment-gateway : 50051');
  });
});

describe('drawings', () => {
  const small: ServiceGraph = {
    environment: 'prod',
    nodes: [
      { id: 'ingress-nginx', kind: 'ingress', label: 'ingress-nginx', group: 'platform' },
      { id: 'shop/web', kind: 'app', label: 'web', group: 'shop', workload: 'Deployment', hosts: ['shop.acme.dev'] },
      { id: 'shop/web-db', kind: 'data-store', label: 'web-db', group: 'shop', workload: 'StatefulSet' },
      { id: '10.0.0.0/8', kind: 'external', label: '10.0.0.0/8', group: 'external' },
    ],
    edges: [
      { from: 'ingress-nginx', to: 'shop/web', ports: ['8080'] },
      { from: 'shop/web', to: '10.0.0.0/8', ports: ['53/UDP', '443'] },
      { from: 'shop/web', to: 'shop/web-db', ports: ['5432'] },
    ],
  };

  test('Mermaid: a subgraph per group, shapes by kind, ports on the edges', () => {
    expect(formatMermaid(small)).toBe(`flowchart LR
  subgraph g0["platform (outside the fleet)"]
    n0>"ingress-nginx<br/>(ingress)"]
  end
  subgraph g1["team shop"]
    n1["web<br/>public: shop.acme.dev"]
    n2[("web-db<br/>(data store)")]
  end
  subgraph g2["outside the cluster"]
    n3{{"10.0.0.0/8"}}
  end
  n0 -->|"8080"| n1
  n1 -->|"53/UDP, 443"| n3
  n1 -->|"5432"| n2
`);
  });

  test('DOT: a cluster per group, ids quoted', () => {
    const dot = formatDot(small);
    expect(dot).toContain('subgraph cluster_1 {\n    label="team shop";');
    expect(dot).toContain('"shop/web" [label="web\\npublic: shop.acme.dev", shape=box, style=bold, color="#bf8700"];');
    expect(dot).toContain('"shop/web" -> "10.0.0.0/8" [label="53/UDP, 443"];');
  });

  test('SVG: a clickable group per node, an edge per connection, escaped text', () => {
    const svg = graphSvg({ ...small, nodes: small.nodes.map((n) => (n.id === 'shop/web' ? { ...n, label: 'web<&>' } : n)) });
    expect(svg.match(/<g class="node /g)).toHaveLength(4);
    expect(svg.match(/<g class="edge"/g)).toHaveLength(3);
    expect(svg).toContain('data-id="shop/web"');
    expect(svg).toContain('web&lt;&amp;&gt;');
    expect(svg).not.toMatch(/NaN/);
  });
});
