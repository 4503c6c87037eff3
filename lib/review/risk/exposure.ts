import { Manifest } from '../../manifest/manifest';
import { LabelSelector } from '../../manifest/k8s-types';
import { PolicyDirection } from '../../manifest/network-policy-types';
import { ObjectDiff } from '../diff-trees';
import { allowancesOf, describeAllowance, describeSelector, widenedAllowances } from './network-allowances';
import { listed, objectFlag, previousOf, ReviewInput, RiskFlag } from './risk-flag';

/** Service types that can be reached from outside the cluster. */
const EXTERNAL_SERVICE_TYPES = new Set(['NodePort', 'LoadBalancer']);

/**
 * Exposure widened: a new Ingress host or path, a new HTTPRoute hostname or Gateway, a Service
 * that changes type or opens to more of the world, a NetworkPolicy that lets more peers or ports
 * through (or is removed).
 */
export function exposureRisks({ diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const d of diff.objects) {
    if (d.status === 'removed') {
      if (d.kind === 'NetworkPolicy')
        flags.push(
          objectFlag(
            d,
            'exposure',
            'exposure/network-policy-removed',
            'NetworkPolicy removed: the pods it selected lose its restrictions (unless another policy selects them)',
          ),
        );
      continue;
    }
    const before = previousOf(d);
    const after = d.after!;
    if (d.kind === 'Ingress') flags.push(...ingressRisks(d, before, after));
    else if (d.kind === 'HTTPRoute') flags.push(...httpRouteRisks(d, before, after));
    else if (d.kind === 'Service') flags.push(...serviceRisks(d, before, after));
    else if (d.kind === 'NetworkPolicy' && before) flags.push(...networkPolicyRisks(d, before, after));
  }
  return flags;
}

function ingressRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  const routes = (m: Manifest | undefined): Map<string, Set<string>> => {
    const spec = (m as { spec?: { rules?: { host?: string; http?: { paths?: { path?: string }[] } }[]; defaultBackend?: unknown } } | undefined)?.spec;
    const out = new Map<string, Set<string>>();
    for (const rule of spec?.rules ?? []) {
      const paths = out.get(rule.host ?? '*') ?? new Set<string>();
      for (const p of rule.http?.paths ?? []) paths.add(p.path ?? '/');
      out.set(rule.host ?? '*', paths);
    }
    if (spec?.defaultBackend && !out.has('*')) out.set('*', new Set(['/']));
    return out;
  };
  const old = routes(before);
  const flags: RiskFlag[] = [];
  for (const [host, paths] of routes(after)) {
    const had = old.get(host);
    if (!had) {
      flags.push(
        objectFlag(
          d,
          'exposure',
          'exposure/new-host',
          host === '*' ? 'new catch-all Ingress rule (no host): answers for every host name' : `new Ingress host '${host}'`,
        ),
      );
      continue;
    }
    const fresh = [...paths].filter((p) => !had.has(p));
    if (fresh.length > 0)
      flags.push(objectFlag(d, 'exposure', 'exposure/new-path', `new Ingress path${fresh.length > 1 ? 's' : ''} ${listed(fresh)} on '${host}'`));
  }
  return flags;
}

function httpRouteRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  const spec = (m: Manifest | undefined) =>
    (m as { spec?: { hostnames?: string[]; parentRefs?: { name: string; namespace?: string; sectionName?: string }[] } } | undefined)?.spec;
  const hosts = (m: Manifest | undefined) => {
    const list = spec(m)?.hostnames ?? [];
    return new Set(list.length > 0 ? list : m ? ['*'] : []);
  };
  const parents = (m: Manifest | undefined) =>
    new Set((spec(m)?.parentRefs ?? []).map((p) => `${p.namespace ? `${p.namespace}/` : ''}${p.name}${p.sectionName ? `:${p.sectionName}` : ''}`));
  const flags: RiskFlag[] = [];
  const oldHosts = hosts(before);
  for (const host of hosts(after)) {
    if (oldHosts.has(host)) continue;
    flags.push(
      objectFlag(
        d,
        'exposure',
        'exposure/new-host',
        host === '*' ? 'HTTPRoute with no hostnames: answers for every host name of its Gateway listeners' : `new HTTPRoute hostname '${host}'`,
      ),
    );
  }
  const oldParents = parents(before);
  const newParents = [...parents(after)].filter((p) => !oldParents.has(p));
  if (before && newParents.length > 0)
    flags.push(objectFlag(d, 'exposure', 'exposure/new-gateway', `HTTPRoute attached to another Gateway: ${listed(newParents)}`));
  return flags;
}

function serviceRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  type Spec = { type?: string; externalIPs?: string[]; loadBalancerSourceRanges?: string[]; ports?: { port: number; protocol?: string }[] };
  const spec = (m: Manifest | undefined): Spec => (m as { spec?: Spec } | undefined)?.spec ?? {};
  const [b, a] = [spec(before), spec(after)];
  const [oldType, newType] = [b.type ?? 'ClusterIP', a.type ?? 'ClusterIP'];
  const flags: RiskFlag[] = [];
  if (!before) {
    if (EXTERNAL_SERVICE_TYPES.has(newType))
      flags.push(objectFlag(d, 'exposure', 'exposure/service-type', `new Service of type ${newType}: reachable from outside the cluster`));
  } else if (oldType !== newType) {
    const outside = EXTERNAL_SERVICE_TYPES.has(newType) && !EXTERNAL_SERVICE_TYPES.has(oldType) ? ': now reachable from outside the cluster' : '';
    flags.push(objectFlag(d, 'exposure', 'exposure/service-type', `Service type ${oldType} -> ${newType}${outside}`));
  }
  const newIps = (a.externalIPs ?? []).filter((ip) => !(b.externalIPs ?? []).includes(ip));
  if (newIps.length > 0) flags.push(objectFlag(d, 'exposure', 'exposure/external-ips', `new external IPs ${listed(newIps)}`));
  if (newType === 'LoadBalancer' && before) {
    const [oldRanges, newRanges] = [b.loadBalancerSourceRanges ?? [], a.loadBalancerSourceRanges ?? []];
    if (oldRanges.length > 0 && newRanges.length === 0)
      flags.push(objectFlag(d, 'exposure', 'exposure/source-ranges', 'loadBalancerSourceRanges removed: the load balancer accepts every source address'));
    else if (oldRanges.length > 0) {
      const added = newRanges.filter((r) => !oldRanges.includes(r));
      if (added.length > 0) flags.push(objectFlag(d, 'exposure', 'exposure/source-ranges', `load balancer accepts more sources: ${listed(added)}`));
    }
  }
  if (before && EXTERNAL_SERVICE_TYPES.has(newType) && EXTERNAL_SERVICE_TYPES.has(oldType)) {
    const key = (p: { port: number; protocol?: string }) => `${p.protocol ?? 'TCP'}/${p.port}`;
    const oldPorts = new Set((b.ports ?? []).map(key));
    const opened = (a.ports ?? []).map(key).filter((p) => !oldPorts.has(p));
    if (opened.length > 0) flags.push(objectFlag(d, 'exposure', 'exposure/service-ports', `${newType} Service opens ${listed(opened)}`));
  }
  return flags;
}

function networkPolicyRisks(d: ObjectDiff, before: Manifest, after: Manifest): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const direction of ['Ingress', 'Egress'] as PolicyDirection[]) {
    const [old, now] = [allowancesOf(before, direction), allowancesOf(after, direction)];
    const noun = direction.toLowerCase();
    if (now === 'unrestricted') {
      if (old !== 'unrestricted')
        flags.push(objectFlag(d, 'exposure', 'exposure/network-policy', `no longer restricts ${noun} (${direction} left its policyTypes)`));
      continue;
    }
    if (old === 'unrestricted') continue; // it restricts more than before
    const wider = widenedAllowances(old, now);
    if (wider.length > 0)
      flags.push(
        objectFlag(
          d,
          'exposure',
          'exposure/network-policy',
          `allows more ${noun}: ${listed(
            wider.map((a) => describeAllowance(a, direction)),
            3,
          )}`,
        ),
      );
  }
  const selector = (m: Manifest) => (m as { spec?: { podSelector?: LabelSelector } }).spec?.podSelector;
  const [oldSel, newSel] = [describeSelector(selector(before)), describeSelector(selector(after))];
  if (oldSel !== newSel)
    flags.push(
      objectFlag(d, 'exposure', 'exposure/network-policy', `now selects other pods (${oldSel} -> ${newSel}): pods it no longer selects lose its restrictions`),
    );
  return flags;
}
