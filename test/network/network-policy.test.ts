import { Dependency } from '../../lib/model/dependency';
import { DnsPeer } from '../../lib/model/environment-dns';
import { Peer } from '../../lib/model/peer';
import { find, synthApp, taskDef, testEnvironment, Untyped, webDef, workerDef } from '../helpers';

const DNS_EGRESS = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
  ],
};

describe('the NetworkPolicy', () => {
  const policy = find(synthApp(webDef()), 'NetworkPolicy', 'checkout');

  test("selects the app's pods by name and instance only", () => {
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' } });
  });

  test('denies all traffic in both directions by default', () => {
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([]);
  });

  test('allows DNS to kube-dns in kube-system on 53 UDP and TCP, and nothing else', () => {
    expect(policy.spec.egress).toEqual([DNS_EGRESS]);
  });

  test.each([
    ['worker', () => synthApp(workerDef()), 'mailer'],
    ['scheduled task', () => synthApp(taskDef()), 'report'],
  ])('denies by default for a %s too', (_kind, synth, name) => {
    const p = find(synth(), 'NetworkPolicy', name);
    expect(p.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(p.spec.ingress).toEqual([]);
    expect(p.spec.egress).toEqual([DNS_EGRESS]);
  });

  test("allows an app peer in on the serving port, from the app's own namespace", () => {
    const p = find(synthApp(webDef({ network: { ingress: [Peer.app('storefront')] } })), 'NetworkPolicy', 'checkout');
    expect(p.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  test('allows an app peer without a port in on every serving container port, never a Service port', () => {
    const def = webDef({ ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999 } }, network: { ingress: [Peer.app('storefront')] } });
    const p = find(synthApp(def), 'NetworkPolicy', 'checkout');
    expect(p.spec.ingress[0].ports).toEqual([
      { port: 8080, protocol: 'TCP' },
      { port: 9999, protocol: 'TCP' },
    ]);
  });

  test('allows an app peer from another namespace on the declared port', () => {
    const p = find(synthApp(webDef({ network: { ingress: [Peer.app('gateway', { namespace: 'edge', port: 9000 })] } })), 'NetworkPolicy', 'checkout');
    expect(p.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } },
          },
        ],
        ports: [{ port: 9000, protocol: 'TCP' }],
      },
    ]);
  });

  test("uses the environment's namespace pattern for an app peer's default namespace", () => {
    const p = find(
      synthApp(webDef({ network: { ingress: [Peer.app('storefront')] } }), testEnvironment({ namespacePattern: '{team}-{env}' })),
      'NetworkPolicy',
      'checkout',
    );
    expect(p.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop-prod' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  test('allows a whole namespace in', () => {
    const p = find(synthApp(webDef({ network: { ingress: [Peer.namespace('monitoring', { port: 9100 })] } })), 'NetworkPolicy', 'checkout');
    expect(p.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9100, protocol: 'TCP' }] },
    ]);
  });

  test('allows egress to a CIDR block on the declared port and protocol, after DNS', () => {
    const p = find(
      synthApp(workerDef({ network: { egress: [Peer.cidr('10.20.0.0/16', { port: 5432 }), Peer.cidr('10.30.0.0/16', { port: 514, protocol: 'UDP' })] } })),
      'NetworkPolicy',
      'mailer',
    );
    expect(p.spec.egress).toEqual([
      DNS_EGRESS,
      { to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '10.30.0.0/16' } }], ports: [{ port: 514, protocol: 'UDP' }] },
    ]);
  });

  test('allows egress to an app peer on every port when no port is declared', () => {
    const p = find(synthApp(webDef({ network: { egress: [Peer.app('payments', { namespace: 'pay' })] } })), 'NetworkPolicy', 'checkout');
    expect(p.spec.egress).toEqual([
      DNS_EGRESS,
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pay' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
          },
        ],
      },
    ]);
  });
});

describe('DNS egress from the environment', () => {
  const NODE_LOCAL = testEnvironment({ dns: { peers: [DnsPeer.cidr('169.254.20.10/32')] } });

  test('a NodeLocal DNSCache address changes the DNS egress rule, and nothing else', () => {
    const before = synthApp(webDef({ network: { egress: [Peer.app('payments')] } }));
    const after = synthApp(webDef({ network: { egress: [Peer.app('payments')] } }), NODE_LOCAL);
    const policy = find(after, 'NetworkPolicy', 'checkout');
    expect(policy.spec.egress[0]).toEqual({
      to: [{ ipBlock: { cidr: '169.254.20.10/32' } }],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    });
    // Everything else, the other egress rules included, is as before.
    const withoutDns = (manifests: Untyped[]) =>
      manifests.map((m) => (m.kind === 'NetworkPolicy' ? { ...m, spec: { ...m.spec, egress: m.spec.egress.slice(1) } } : m));
    expect(withoutDns(after)).toEqual(withoutDns(before));
    expect(find(before, 'NetworkPolicy', 'checkout').spec.egress[0]).toEqual(DNS_EGRESS);
  });

  test("reaches every peer the environment lists, on its port, from a data store's pods too", () => {
    const env = testEnvironment({
      name: 'dev',
      profile: { dataStores: 'in-cluster' },
      dns: { peers: [DnsPeer.cidr('169.254.20.10/32'), DnsPeer.pods('dns', { app: 'unbound' })], port: 5353 },
    });
    const manifests = synthApp(workerDef({ dependsOn: [Dependency.redis('cache')] }), env);
    const expected = {
      to: [
        { ipBlock: { cidr: '169.254.20.10/32' } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'unbound' } } },
      ],
      ports: [
        { port: 5353, protocol: 'UDP' },
        { port: 5353, protocol: 'TCP' },
      ],
    };
    expect(find(manifests, 'NetworkPolicy', 'mailer').spec.egress[0]).toEqual(expected);
    expect(find(manifests, 'NetworkPolicy', 'mailer-cache').spec.egress).toEqual([expected]);
  });
});
