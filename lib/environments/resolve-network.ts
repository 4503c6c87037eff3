import { nameProblem } from '../internal/names';
import { Peer } from '../model/peer';
import { ResolvedApp, ResolvedPeer } from '../model/resolved-app';
import { ResolveContext } from './resolve-context';

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Declared peers with namespaces and protocols made explicit, plus the platform's own (Prometheus
 * on the metrics port, the ingress controller, the app's data stores), sorted so output order is stable.
 */
export function resolveNetwork(
  ctx: ResolveContext,
  namespace: string,
  platformIngress: readonly ResolvedPeer[] = [],
  platformEgress: readonly ResolvedPeer[] = [],
): Omit<ResolvedApp['network'], 'dns'> {
  return {
    ingress: sortPeers([...resolvePeers(ctx, 'network.ingress', ctx.def.network?.ingress ?? [], namespace), ...platformIngress]),
    egress: sortPeers([...resolvePeers(ctx, 'network.egress', ctx.def.network?.egress ?? [], namespace), ...platformEgress]),
  };
}

function resolvePeers(ctx: ResolveContext, field: string, peers: readonly Peer[], namespace: string): ResolvedPeer[] {
  const out: ResolvedPeer[] = [];
  peers.forEach((peer, i) => {
    const at = `${field}[${i}]`;
    const fail = (message: string, value: unknown, fix: string) => ctx.problems.add({ code: 'E_PEER', field: at, value, message, fix });
    if (peer.port !== undefined && (!Number.isInteger(peer.port) || peer.port < 1 || peer.port > 65535)) {
      fail('port must be an integer from 1 to 65535', peer.port, 'use the port the peer listens on');
      return;
    }
    // Ingress without a port means "the serving port"; an app without one would open every port.
    if (field === 'network.ingress' && peer.port === undefined && ctx.def.kind !== 'web-service' && ctx.def.kind !== 'stateful-service') {
      fail(
        `needs a port: a ${ctx.def.kind} has no serving port, and a rule without one would open every port`,
        peer.kind,
        'name the port the peer may reach, e.g. { port: 8081 }',
      );
      return;
    }
    switch (peer.kind) {
      case 'app': {
        const problem = nameProblem(peer.app ?? '');
        if (problem) return fail(`app name ${problem}`, peer.app, "name the app as it is declared, e.g. Peer.app('payments')");
        out.push({ kind: 'app', app: peer.app, namespace: peer.namespace ?? namespace, port: peer.port, protocol: 'TCP' });
        return;
      }
      case 'namespace': {
        const problem = nameProblem(peer.namespace ?? '');
        if (problem) return fail(`namespace ${problem}`, peer.namespace, 'use the namespace name exactly');
        out.push({ kind: 'namespace', namespace: peer.namespace, port: peer.port, protocol: 'TCP' });
        return;
      }
      case 'cidr': {
        if (!isCidr(peer.cidr)) {
          return fail('cidr is not an IPv4 CIDR block', peer.cidr, "write it as 'a.b.c.d/n', e.g. '10.20.0.0/16'");
        }
        out.push({ kind: 'cidr', cidr: peer.cidr, port: peer.port, protocol: peer.protocol ?? 'TCP' });
        return;
      }
      default:
        fail("kind must be 'app', 'namespace' or 'cidr'", (peer as { kind: unknown }).kind, 'build it with Peer.app(), Peer.namespace() or Peer.cidr()');
    }
  });
  return sortPeers(out);
}

/** Peers in a stable order, each once (a dependency and a raw peer may open the same edge). */
export function sortPeers(peers: readonly ResolvedPeer[]): ResolvedPeer[] {
  const key = (p: ResolvedPeer) => `${p.kind}/${p.namespace ?? ''}/${p.app ?? ''}/${p.cidr ?? ''}/${p.port ?? 0}/${p.protocol}`;
  const unique = new Map(peers.map((p) => [key(p), p]));
  return [...unique.keys()].sort().map((k) => unique.get(k)!);
}

/** Whether `cidr` is an IPv4 block 'a.b.c.d/n'. */
export function isCidr(cidr: unknown): boolean {
  const m = typeof cidr === 'string' ? CIDR.exec(cidr) : null;
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}
