import { join } from 'node:path';
import { formatMarkdown } from '../../../lib/review/format-markdown';
import { graphMarkdown } from '../../../lib/review/graph/format-graph-markdown';
import { changeDiagram, graphChange } from '../../../lib/review/graph/graph-change';
import { ServiceGraph } from '../../../lib/review/graph/service-graph';
import { readTree } from '../../../lib/review/rendered-tree';
import { REPO } from '../../fixtures/sample-fleet';
import { Untyped } from '../../helpers';
import { edit, review, withObject } from '../tree-fixtures';

const tree = readTree(join(REPO, 'dist'));

/** storefront may now call payment-gateway directly; the ledger loses its broker; checkout-api gets a public host. */
function changedTree() {
  let after = edit(tree, 'prod', 'NetworkPolicy shop/storefront', (np: Untyped) => {
    np.spec.egress.push({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'payment-gateway' } },
        },
      ],
      ports: [{ port: 50051, protocol: 'TCP' }],
    });
  });
  after = edit(after, 'prod', 'NetworkPolicy payments/payment-gateway', (np: Untyped) => {
    np.spec.ingress.push({
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } },
        },
      ],
      ports: [{ port: 50051, protocol: 'TCP' }],
    });
  });
  after = edit(after, 'prod', 'NetworkPolicy payments/ledger-worker', (np: Untyped) => {
    np.spec.egress = np.spec.egress.filter((r: Untyped) => r.to[0].ipBlock?.cidr !== '10.30.0.0/16');
  });
  after = edit(after, 'prod', 'NetworkPolicy shop/checkout-api', (np: Untyped) => {
    np.spec.ingress.push({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
  });
  return withObject(after, {
    environment: 'prod',
    file: 'prod/shop/checkout-api.yaml',
    app: 'shop/checkout-api',
    manifest: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'checkout-api', namespace: 'shop' },
      spec: { rules: [{ host: 'api.acme.dev', http: { paths: [{ path: '/', backend: { service: { name: 'checkout-api', port: { name: 'http' } } } }] } }] },
    },
  });
}

describe('the service-graph change of a pull request', () => {
  test('lists the connections added and removed, with their ports, and the newly public apps', () => {
    const [change, ...others] = review(tree, changedTree()).graph;
    expect(others).toEqual([]);
    expect(change.environment).toBe('prod');
    expect(change.added).toEqual([
      { from: 'ingress-nginx', to: 'shop/checkout-api', ports: ['8080'] },
      { from: 'shop/storefront', to: 'payments/payment-gateway', ports: ['50051'] },
    ]);
    expect(change.removed).toEqual([{ from: 'payments/ledger-worker', to: '10.30.0.0/16', ports: ['5672'] }]);
    expect(change.newlyPublic).toEqual([{ node: 'shop/checkout-api', hosts: ['api.acme.dev'] }]);
  });

  test('draws the changed apps and their neighbours in Mermaid, new edges green, removed edges red and dashed', () => {
    const diagram = changeDiagram(review(tree, changedTree()).graph[0])!;
    expect(diagram).toContain('n0 ==>|"+ 8080"| n');
    expect(diagram).toMatch(/-\.->\|"− 5672"\|/);
    expect(diagram).toContain('🌐 newly public<br/>checkout-api<br/>public: api.acme.dev');
    expect(diagram).toMatch(/linkStyle [\d,]+ stroke:#1a7f37/);
    expect(diagram).toMatch(/linkStyle \d+ stroke:#cf222e/);
    // sales-report shares no edge with a changed app: not drawn.
    expect(diagram).not.toContain('sales-report');
  });

  test('the pull-request comment carries the diagram in a mermaid block', () => {
    const markdown = formatMarkdown(review(tree, changedTree()));
    expect(markdown).toContain('#### Service graph');
    expect(markdown).toContain('**prod**: 2 connections added, 1 connection removed, 1 app newly public');
    expect(markdown).toContain('- 🌐 newly public: `shop/checkout-api` at `api.acme.dev`');
    expect(markdown).toMatch(/```mermaid\nflowchart LR\n[\s\S]*\n```/);
  });

  test('draws nothing when the graph does not change, even when objects do', () => {
    const after = edit(tree, 'prod', 'Deployment shop/storefront', (d: Untyped) => {
      d.spec.template.spec.containers[0].image = 'ghcr.io/acme/storefront:9.9.9';
    });
    const report = review(tree, after);
    expect(report.diff.objects.length).toBe(1);
    expect(report.graph).toEqual([]);
    expect(formatMarkdown(report)).not.toContain('Service graph');
  });

  test('summarises a change of more than 40 edges instead of drawing it', () => {
    const node = (i: number) => ({ id: `t/a${i}`, kind: 'app' as const, label: `a${i}`, group: 't' });
    const before: ServiceGraph = { environment: 'prod', nodes: [node(0)], edges: [] };
    const after: ServiceGraph = {
      environment: 'prod',
      nodes: Array.from({ length: 42 }, (_, i) => node(i)),
      edges: Array.from({ length: 41 }, (_, i) => ({ from: 't/a0', to: `t/a${i + 1}`, ports: ['8080'] })),
    };
    const change = graphChange(before, after)!;
    expect(changeDiagram(change)).toBeUndefined();
    const section = graphMarkdown([change]).join('\n');
    expect(section).toContain('_Too large to draw (41 edges, the limit is 40); run `platform graph --env prod` for the whole graph._');
    expect(section).toContain('- added: `t/a0` → `t/a1` on 8080');
    expect(section).toContain('- and 11 more');
    expect(section).not.toContain('```mermaid');
    const fourty = graphChange(before, { ...after, edges: after.edges.slice(0, 40) })!;
    expect(changeDiagram(fourty)).toContain('flowchart LR');
  });
});
