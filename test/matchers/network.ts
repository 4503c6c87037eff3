import { NetworkGraph } from '../../lib/network/reachability';

/**
 * `expect(graph).toAllow('shop/storefront', 'shop/checkout-api', 8080)`: evaluated against the
 * generated NetworkPolicies. Workloads are named `name` or `namespace/name`.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toAllow(from: string, to: string, port: number, protocol?: string): R;
    }
  }
}

expect.extend({
  toAllow(graph: NetworkGraph, from: string, to: string, port: number, protocol = 'TCP') {
    const pass = graph.allows(graph.workload(from), graph.workload(to), port, protocol);
    return {
      pass,
      message: () => `expected the NetworkPolicies ${pass ? 'not ' : ''}to allow ${from} -> ${to}:${port}/${protocol}`,
    };
  },
});

export {};
