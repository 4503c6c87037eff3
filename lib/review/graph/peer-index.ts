import { LabelSelector, selects } from '../../manifest/label-selector';
import { Manifest } from '../../manifest/manifest';
import { Workload } from '../../network/reachability';

interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: unknown;
}
interface Rule {
  readonly from?: readonly Peer[];
  readonly to?: readonly Peer[];
}
interface Policy {
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly types: readonly string[];
  readonly ingress: readonly Rule[];
  readonly egress: readonly Rule[];
}

type Reach = 'all' | ReadonlySet<Workload>;

/**
 * Which pods may possibly connect, from the policies' selectors alone and ignoring ports: a
 * superset of what the reachability evaluator allows, found once per pod instead of once per
 * pair, so the graph asks the evaluator only about pairs that may connect (a fleet of 300 apps
 * has 100,000 pairs and under 1,000 edges).
 */
export class PeerIndex {
  private readonly policies: Policy[] = [];
  private readonly namespaceLabels = new Map<string, Record<string, string>>();
  private readonly peerCache = new Map<string, Set<Workload>>();
  private readonly reach = new Map<Workload, { ingress: Reach; egress: Reach; blocks: boolean }>();

  constructor(
    manifests: readonly Manifest[],
    private readonly workloads: readonly Workload[],
  ) {
    for (const m of manifests) {
      if (m.kind === 'Namespace') {
        const labels = (m.metadata.labels ?? {}) as Record<string, string>;
        this.namespaceLabels.set(m.metadata.name, { ...labels, 'kubernetes.io/metadata.name': m.metadata.name });
      } else if (m.kind === 'NetworkPolicy') {
        const spec = (m as { spec?: { podSelector?: LabelSelector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] } }).spec;
        this.policies.push({
          namespace: m.metadata.namespace ?? 'default',
          podSelector: spec?.podSelector ?? {},
          types: spec?.policyTypes ?? (spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']),
          ingress: spec?.ingress ?? [],
          egress: spec?.egress ?? [],
        });
      }
    }
  }

  /** False when no policy could let `from` reach `to` on any port. */
  mayConnect(from: Workload, to: Workload): boolean {
    const [out, into] = [this.of(from).egress, this.of(to).ingress];
    return (out === 'all' || out.has(to)) && (into === 'all' || into.has(from));
  }

  /** False when no policy could let `from` reach an address block. */
  mayReachBlocks(from: Workload): boolean {
    return this.of(from).blocks;
  }

  private of(w: Workload): { ingress: Reach; egress: Reach; blocks: boolean } {
    let found = this.reach.get(w);
    if (!found) {
      const selecting = (type: string) =>
        this.policies.filter((p) => p.namespace === w.namespace && p.types.includes(type) && selects(p.podSelector, w.labels));
      const egress = selecting('Egress');
      found = {
        ingress: this.allowed(selecting('Ingress'), 'from'),
        egress: this.allowed(egress, 'to'),
        blocks: egress.length === 0 || egress.some((p) => p.egress.some((r) => !r.to || r.to.length === 0 || r.to.some((peer) => peer.ipBlock))),
      };
      this.reach.set(w, found);
    }
    return found;
  }

  private allowed(policies: readonly Policy[], side: 'from' | 'to'): Reach {
    if (policies.length === 0) return 'all';
    const out = new Set<Workload>();
    for (const policy of policies)
      for (const rule of side === 'from' ? policy.ingress : policy.egress) {
        const peers = rule[side];
        if (!peers || peers.length === 0) return 'all';
        for (const peer of peers) for (const w of this.matching(peer, policy.namespace)) out.add(w);
      }
    return out;
  }

  private matching(peer: Peer, policyNamespace: string): Set<Workload> {
    const key = `${policyNamespace}\u0000${JSON.stringify(peer)}`;
    let found = this.peerCache.get(key);
    if (!found) {
      found = new Set(
        peer.ipBlock
          ? []
          : this.workloads.filter((w) => {
              const nsLabels = this.namespaceLabels.get(w.namespace) ?? { 'kubernetes.io/metadata.name': w.namespace };
              const nsOk = peer.namespaceSelector ? selects(peer.namespaceSelector, nsLabels) : w.namespace === policyNamespace;
              return nsOk && (peer.podSelector ? selects(peer.podSelector, w.labels) : true);
            }),
      );
      this.peerCache.set(key, found);
    }
    return found;
  }
}
