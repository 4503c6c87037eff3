import { Problems } from '../internal/errors';
import { isLabelValue, nameProblem } from '../internal/names';
import { Environment } from '../model/environment';
import { isCidr } from './resolve-network';

/**
 * Checks an environment's `dns` once, against apps/environments.ts: a wrong peer would leave
 * every pod of the environment unable to resolve a name.
 */
export function checkEnvironmentDns(env: Environment, problems: Problems): void {
  const dns: unknown = env.dns;
  if (dns === undefined) return;
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  const fail = (field: string, value: unknown, message: string, fix: string) => at.add({ code: 'E_DNS', field, value, message, fix });
  if (dns === null || typeof dns !== 'object' || Array.isArray(dns)) {
    return fail('dns', dns, 'must be { peers?, port? }', "e.g. dns: { peers: [DnsPeer.cidr('169.254.20.10/32')] }, or leave it out for kube-dns");
  }
  const { peers, port } = dns as { peers?: unknown; port?: unknown };
  if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535)) {
    fail('dns.port', port, 'must be a port number from 1 to 65535', 'e.g. 53');
  }
  if (peers === undefined) return;
  if (!Array.isArray(peers) || peers.length === 0) {
    return fail(
      'dns.peers',
      peers ?? null,
      'must be a non-empty list of DNS peers (without one, no pod can resolve a name)',
      "e.g. [DnsPeer.kubeDns()] or [DnsPeer.cidr('169.254.20.10/32')]",
    );
  }
  peers.forEach((peer: unknown, i) => {
    const field = `dns.peers[${i}]`;
    const p = (peer ?? {}) as { kind?: unknown; cidr?: unknown; namespace?: unknown; podLabels?: unknown };
    if (p.kind === 'cidr') {
      if (!isCidr(p.cidr)) fail(`${field}.cidr`, p.cidr ?? null, 'is not an IPv4 CIDR block', "e.g. '169.254.20.10/32' for NodeLocal DNSCache");
    } else if (p.kind === 'pods') {
      if (typeof p.namespace !== 'string' || nameProblem(p.namespace))
        fail(`${field}.namespace`, p.namespace ?? null, 'must be a namespace name', "e.g. 'kube-system'");
      const labels = p.podLabels;
      const good =
        labels !== null &&
        typeof labels === 'object' &&
        !Array.isArray(labels) &&
        Object.keys(labels).length > 0 &&
        Object.values(labels).every((v) => typeof v === 'string' && isLabelValue(v));
      if (!good) fail(`${field}.podLabels`, labels ?? null, 'must be a non-empty record of label values', "e.g. { 'k8s-app': 'kube-dns' }");
    } else {
      fail(`${field}.kind`, p.kind ?? null, "must be 'pods' or 'cidr'", 'build it with DnsPeer.kubeDns(), DnsPeer.pods() or DnsPeer.cidr()');
    }
  });
}
