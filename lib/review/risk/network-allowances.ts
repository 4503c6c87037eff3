import { Manifest } from '../../manifest/manifest';
import { LabelSelector } from '../../manifest/k8s-types';
import { PolicyDirection, policyTypesOf } from '../../manifest/network-policy-types';

/** One peer and one port a NetworkPolicy lets through, in a direction. */
export interface Allowance {
  readonly peer: Peer;
  readonly port: Port;
}

type Peer =
  | { readonly kind: 'any' }
  | { readonly kind: 'ip'; readonly cidr: string; readonly except: readonly string[] }
  | { readonly kind: 'pods'; readonly pods?: LabelSelector; readonly namespaces?: LabelSelector };

type Port = { readonly kind: 'any' } | { readonly kind: 'port'; readonly protocol: string; readonly port: string | number; readonly endPort?: number };

interface RawRule {
  readonly from?: readonly RawPeer[];
  readonly to?: readonly RawPeer[];
  readonly ports?: readonly { readonly protocol?: string; readonly port?: string | number; readonly endPort?: number }[];
}
interface RawPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

/**
 * What a NetworkPolicy allows in one direction: every (peer, port) of every rule, or 'unrestricted'
 * when the policy does not restrict that direction at all. A rule without peers allows every
 * peer, one without ports every port.
 */
export function allowancesOf(policy: Manifest, direction: PolicyDirection): Allowance[] | 'unrestricted' {
  if (!policyTypesOf(policy).includes(direction)) return 'unrestricted';
  const spec = (policy as { spec?: { ingress?: readonly RawRule[]; egress?: readonly RawRule[] } }).spec ?? {};
  const rules = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
  const out: Allowance[] = [];
  for (const rule of rules) {
    const rawPeers = direction === 'Ingress' ? rule.from : rule.to;
    const peers: Peer[] = rawPeers && rawPeers.length > 0 ? rawPeers.map(toPeer) : [{ kind: 'any' }];
    const ports: Port[] =
      rule.ports && rule.ports.length > 0
        ? rule.ports.map((p) =>
            p.port === undefined
              ? { kind: 'any' }
              : { kind: 'port', protocol: p.protocol ?? 'TCP', port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) },
          )
        : [{ kind: 'any' }];
    for (const peer of peers) for (const port of ports) out.push({ peer, port });
  }
  return out;
}

/** The allowances of `after` that no allowance of `before` already covers. */
export function widenedAllowances(before: readonly Allowance[], after: readonly Allowance[]): Allowance[] {
  return after.filter((a) => !before.some((b) => peerCovers(b.peer, a.peer) && portCovers(b.port, a.port)));
}

export function describeAllowance(a: Allowance, direction: PolicyDirection): string {
  return `${direction === 'Ingress' ? 'from' : 'to'} ${describePeer(a.peer)} on ${describePort(a.port)}`;
}

export function describeSelector(s: LabelSelector | undefined): string {
  const terms = [
    ...Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(',')})` : ''}`),
  ];
  return terms.length > 0 ? `{${terms.join(', ')}}` : '{} (everything)';
}

function toPeer(raw: RawPeer): Peer {
  if (raw.ipBlock) return { kind: 'ip', cidr: raw.ipBlock.cidr, except: [...(raw.ipBlock.except ?? [])].sort() };
  return { kind: 'pods', ...(raw.podSelector ? { pods: raw.podSelector } : {}), ...(raw.namespaceSelector ? { namespaces: raw.namespaceSelector } : {}) };
}

function describePeer(p: Peer): string {
  if (p.kind === 'any') return 'anywhere';
  if (p.kind === 'ip') return `${p.cidr}${p.except.length > 0 ? ` except ${p.except.join(', ')}` : ''}`;
  const pods = p.pods ? `pods ${describeSelector(p.pods)}` : 'every pod';
  const where = p.namespaces ? `in namespaces ${describeSelector(p.namespaces)}` : "in the policy's namespace";
  return `${pods} ${where}`;
}

function describePort(p: Port): string {
  if (p.kind === 'any') return 'any port';
  return `${p.protocol}/${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}`;
}

function peerCovers(b: Peer, a: Peer): boolean {
  if (b.kind === 'any') return true;
  if (b.kind === 'ip' && a.kind === 'ip') {
    if (b.cidr === a.cidr && JSON.stringify(b.except) === JSON.stringify(a.except)) return true;
    return b.except.length === 0 && cidrContains(b.cidr, a.cidr);
  }
  return JSON.stringify(canonicalPeer(b)) === JSON.stringify(canonicalPeer(a));
}

function portCovers(b: Port, a: Port): boolean {
  if (b.kind === 'any') return true;
  if (a.kind === 'any' || a.protocol !== b.protocol) return false;
  if (typeof a.port !== 'number' || typeof b.port !== 'number') return a.port === b.port && a.endPort === b.endPort;
  return b.port <= a.port && (a.endPort ?? a.port) <= (b.endPort ?? b.port);
}

function canonicalPeer(p: Peer): unknown {
  const sel = (s?: LabelSelector) => (s ? { l: Object.entries(s.matchLabels ?? {}).sort(), e: s.matchExpressions ?? [] } : null);
  return p.kind === 'pods' ? { pods: sel(p.pods), namespaces: sel(p.namespaces) } : p;
}

/** IPv4 only; any other pair is compared as written. */
function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || i.bits < o.bits) return false;
  const mask = o.bits === 0 ? 0 : (~0 << (32 - o.bits)) >>> 0;
  return (o.address & mask) >>> 0 === (i.address & mask) >>> 0;
}

function parseCidr(text: string): { address: number; bits: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return { address: ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0, bits };
}
