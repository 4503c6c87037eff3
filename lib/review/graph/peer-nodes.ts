import { Manifest } from '../../manifest/manifest';
import { Workload } from '../../network/reachability';

/** A peer that NetworkPolicies name but the fleet does not run: pods of another namespace, or an address block. */
export interface PeerNode {
  /** `monitoring`, `kube-system/k8s-app=kube-dns`, or the CIDR. */
  readonly id: string;
  /** Pods outside the fleet, as a workload the reachability evaluator can place. */
  readonly pod?: { readonly name: string; readonly namespace: string; readonly manifest: Manifest };
  /** An address block, probed at its first address. */
  readonly cidr?: { readonly probe: string };
}

interface RawPeer {
  readonly podSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
  readonly namespaceSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
  readonly ipBlock?: { readonly cidr: string };
}
interface RawRule {
  readonly from?: readonly RawPeer[];
  readonly to?: readonly RawPeer[];
}

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/**
 * The peers of every NetworkPolicy rule that are not the fleet's own pods: a namespace the fleet
 * has no workloads in (selected by name, optionally with pod labels) becomes a pod with those
 * labels there; an IPv4 block becomes an address to probe. Peers selected otherwise (namespace
 * labels other than the name, expressions) cannot be placed and are left out. Sorted by id.
 */
export function peerNodes(manifests: readonly Manifest[], fleet: readonly Workload[]): PeerNode[] {
  const fleetNamespaces = new Set(fleet.map((w) => w.namespace));
  const found = new Map<string, PeerNode>();
  for (const m of manifests) {
    if (m.kind !== 'NetworkPolicy') continue;
    const spec = (m as { spec?: { ingress?: readonly RawRule[]; egress?: readonly RawRule[] } }).spec;
    const peers = [...(spec?.ingress ?? []).flatMap((r) => r.from ?? []), ...(spec?.egress ?? []).flatMap((r) => r.to ?? [])];
    for (const peer of peers) {
      const node = placePeer(peer, m.metadata.namespace ?? 'default', fleetNamespaces);
      if (node && !found.has(node.id)) found.set(node.id, node);
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function placePeer(peer: RawPeer, policyNamespace: string, fleetNamespaces: ReadonlySet<string>): PeerNode | undefined {
  if (peer.ipBlock) {
    const [base] = peer.ipBlock.cidr.split('/');
    return /^\d+\.\d+\.\d+\.\d+$/.test(base) ? { id: peer.ipBlock.cidr, cidr: { probe: base } } : undefined;
  }
  const namespace = peer.namespaceSelector ? peer.namespaceSelector.matchLabels?.[NAMESPACE_NAME] : policyNamespace;
  if (namespace === undefined || fleetNamespaces.has(namespace)) return undefined;
  const labels = peer.podSelector?.matchLabels ?? {};
  const terms = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  const id = terms.length > 0 ? `${namespace}/${terms.join(',')}` : namespace;
  const name = `peer-${id.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  const manifest: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { template: { metadata: { labels: { ...labels } } } },
  };
  return { id, pod: { name, namespace, manifest } };
}
