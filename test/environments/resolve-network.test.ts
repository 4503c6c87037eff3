import { Peer } from '../../lib/model/peer';
import { expectError, resolve, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

describe('resolveNetwork', () => {
  test('allows nothing beyond the defaults when no peer is declared', () => {
    expect(resolve(webDef()).network).toEqual({
      ingress: [],
      egress: [],
      dns: { peers: [{ kind: 'pods', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }], port: 53 },
    });
  });

  test("puts an app peer in the app's own namespace by default", () => {
    const { network } = resolve(webDef({ network: { ingress: [Peer.app('storefront')] } }), testEnvironment({ namespacePattern: '{team}-{env}' }));
    expect(network.ingress).toEqual([{ kind: 'app', app: 'storefront', namespace: 'shop-prod', port: undefined, protocol: 'TCP' }]);
  });

  test('keeps the namespace and port of an app peer', () => {
    const { network } = resolve(webDef({ network: { egress: [Peer.app('payments', { namespace: 'pay', port: 8443 })] } }));
    expect(network.egress).toEqual([{ kind: 'app', app: 'payments', namespace: 'pay', port: 8443, protocol: 'TCP' }]);
  });

  test('resolves namespace and CIDR peers, CIDR protocol TCP unless given', () => {
    const { network } = resolve(
      webDef({
        network: {
          egress: [
            Peer.namespace('monitoring', { port: 4317 }),
            Peer.cidr('10.20.0.0/16', { port: 5432 }),
            Peer.cidr('10.30.0.0/16', { port: 514, protocol: 'UDP' }),
          ],
        },
      }),
    );
    expect(network.egress).toEqual([
      { kind: 'cidr', cidr: '10.20.0.0/16', port: 5432, protocol: 'TCP' },
      { kind: 'cidr', cidr: '10.30.0.0/16', port: 514, protocol: 'UDP' },
      { kind: 'namespace', namespace: 'monitoring', port: 4317, protocol: 'TCP' },
    ]);
  });

  test('sorts peers, so declaration order does not change the output', () => {
    const a = Peer.app('a');
    const b = Peer.app('b');
    expect(resolve(webDef({ network: { ingress: [b, a] } })).network.ingress).toEqual(resolve(webDef({ network: { ingress: [a, b] } })).network.ingress);
    expect(resolve(webDef({ network: { ingress: [b, a] } })).network.ingress.map((p) => p.app)).toEqual(['a', 'b']);
  });

  test.each([0, 70000, 1.5])('fails when a peer port is %s', (port) => {
    expectOnlyProblem(() => resolve(webDef({ network: { egress: [Peer.app('payments', { port })] } })), {
      code: 'E_PEER',
      field: 'network.egress[0]',
      value: port,
      message: 'port must be an integer from 1 to 65535',
      fix: 'use the port the peer listens on',
    });
  });

  test('fails when an app peer is not a valid app name', () => {
    expectOnlyProblem(() => resolve(webDef({ network: { ingress: [Peer.app('Storefront')] } })), {
      code: 'E_PEER',
      field: 'network.ingress[0]',
      value: 'Storefront',
      message: 'app name must be lowercase',
      fix: "Peer.app('payments')",
    });
  });

  test('fails when a namespace peer is not a valid name', () => {
    expectOnlyProblem(() => resolve(webDef({ network: { ingress: [Peer.app('ok'), Peer.namespace('')] } })), {
      code: 'E_PEER',
      field: 'network.ingress[1]',
      value: '',
      message: 'namespace must not be empty',
      fix: 'use the namespace name exactly',
    });
  });

  test.each(['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', 'example.com/8'])("fails when a CIDR peer is '%s'", (cidr) => {
    expectOnlyProblem(() => resolve(webDef({ network: { egress: [Peer.cidr(cidr)] } })), {
      code: 'E_PEER',
      field: 'network.egress[0]',
      value: cidr,
      message: 'cidr is not an IPv4 CIDR block',
      fix: "e.g. '10.20.0.0/16'",
    });
  });

  test('fails on an unknown peer kind', () => {
    expectOnlyProblem(() => resolve(webDef({ network: { egress: [{ kind: 'host', host: 'example.com' } as never] } })), {
      code: 'E_PEER',
      field: 'network.egress[0]',
      value: 'host',
      message: "kind must be 'app', 'namespace' or 'cidr'",
      fix: 'Peer.app(), Peer.namespace() or Peer.cidr()',
    });
  });
});

describe('ingress to an app without a serving port', () => {
  test('fails when a worker accepts ingress without naming a port', () => {
    const error = expectError(() => resolve(workerDef({ network: { ingress: [{ kind: 'namespace', namespace: 'ops' }] } } as never)));
    expect(error.code).toBe('E_PEER');
    expect(error.message).toContain("'network.ingress[0]' needs a port: a worker has no serving port");
  });

  test('accepts a worker ingress that names its port', () => {
    expect(resolve(workerDef({ network: { ingress: [{ kind: 'namespace', namespace: 'ops', port: 8081 }] } } as never)).network.ingress[0].port).toBe(8081);
  });
});
