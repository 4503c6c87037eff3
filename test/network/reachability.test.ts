import { NetworkGraph } from '../../lib/network/reachability';
import { Manifest } from '../../lib/manifest/manifest';

describe('NetworkGraph', () => {
  const ns = (name: string, labels: Record<string, string> = {}): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const pod = (namespace: string, name: string, labels: Record<string, string>, ports: Record<string, number> = {}): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      template: { metadata: { labels }, spec: { containers: [{ name, ports: Object.entries(ports).map(([n, p]) => ({ name: n, containerPort: p })) }] } },
    },
  });
  const policy = (namespace: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace },
    spec,
  });

  test('allows everything when no policy selects the pods', () => {
    const g = new NetworkGraph([pod('a', 'x', { app: 'x' }), pod('b', 'y', { app: 'y' })]);
    expect(g).toAllow('a/x', 'b/y', 1234);
  });

  test('isolates only the direction a policy names', () => {
    const g = new NetworkGraph([
      pod('a', 'x', { app: 'x' }),
      pod('a', 'y', { app: 'y' }),
      policy('a', { podSelector: { matchLabels: { app: 'y' } }, policyTypes: ['Ingress'], ingress: [] }),
    ]);
    expect(g).not.toAllow('a/x', 'a/y', 80);
    expect(g).toAllow('a/y', 'a/x', 80);
  });

  test('resolves named ports against the destination pod and honours endPort', () => {
    const g = new NetworkGraph([
      pod('a', 'x', { app: 'x' }),
      pod('a', 'y', { app: 'y' }, { http: 8080 }),
      policy('a', {
        podSelector: { matchLabels: { app: 'y' } },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ port: 'http' }, { port: 9000, endPort: 9010 }] }],
      }),
    ]);
    expect(g).toAllow('a/x', 'a/y', 8080);
    expect(g).toAllow('a/x', 'a/y', 9005);
    expect(g).not.toAllow('a/x', 'a/y', 9011);
  });

  test('matches namespaces by label and by matchExpressions', () => {
    const g = new NetworkGraph([
      ns('a', { tier: 'front' }),
      ns('b', { tier: 'back' }),
      pod('a', 'x', { app: 'x' }),
      pod('b', 'y', { app: 'y' }),
      pod('b', 'z', { app: 'z' }),
      policy('b', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] } }] }],
      }),
    ]);
    expect(g).toAllow('a/x', 'b/y', 80);
    expect(g).not.toAllow('b/z', 'b/y', 80);
  });

  test('needs both the egress of the source and the ingress of the destination', () => {
    const g = new NetworkGraph([
      pod('a', 'x', { app: 'x' }),
      pod('a', 'y', { app: 'y' }),
      policy('a', { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Egress'], egress: [] }),
    ]);
    expect(g).not.toAllow('a/x', 'a/y', 80);
  });
});
