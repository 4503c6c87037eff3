import { Manifest } from '../../manifest/manifest';
import { NetworkGraph, Workload } from '../../network/reachability';
import { PeerIndex } from './peer-index';
import { peerNodes, PeerNode } from './peer-nodes';
import { PublicEntry, publicEntries } from './public-entries';

/**
 * - app: a workload of the fleet; data-store: one of its in-cluster databases or caches;
 * - ingress: a pod outside the fleet that reaches a public app on the port its Ingress or
 *   HTTPRoute sends traffic to (the ingress controller or gateway proxies);
 * - platform: other pods outside the fleet that policies name (Prometheus' namespace, ...);
 * - external: an address block outside the cluster's pods.
 */
export type NodeKind = 'app' | 'data-store' | 'ingress' | 'platform' | 'external';

export interface GraphNode {
  /** `namespace/name` for workloads, `namespace` or `namespace/key=value` for other pods, the CIDR for an address block. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** The owning team for apps and data stores, 'platform' for other pods, 'external' for address blocks. */
  readonly group: string;
  /** Deployment, StatefulSet, CronJob... for workloads of the fleet. */
  readonly workload?: string;
  /** Host names an Ingress or HTTPRoute publishes this app under, sorted. */
  readonly hosts?: readonly string[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** `8080`, or `53/UDP` for another protocol than TCP, sorted by number; `any` when any TCP port is allowed. */
  readonly ports: readonly string[];
}

/** Who may connect to whom in one environment, as its NetworkPolicies say. */
export interface ServiceGraph {
  readonly environment: string;
  /** Sorted by group, then id. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by from, then to. */
  readonly edges: readonly GraphEdge[];
}

/** DNS is a connection every pod has; drawn, it would be an edge from every node and hide the rest. */
const DNS_PORT = 53;
/** A port nothing names: a connection allowed on it is allowed on any TCP port, and is drawn as 'any'. */
const UNNAMED_PORT = 1;
export const ANY_PORT = 'any';

/**
 * The service graph of one environment, from its rendered objects: every (source, destination,
 * port) that the reachability evaluator (lib/network/reachability.ts) allows under the rendered
 * NetworkPolicies, among the fleet's workloads, the pods outside the fleet that the policies
 * name, and the address blocks they name, where at least one end is a workload of the fleet (the
 * tree holds no policies of the others). DNS (port 53) is left out. Deterministic: the same
 * objects give the same graph, whatever their order.
 */
export function serviceGraph(environment: string, manifests: readonly Manifest[]): ServiceGraph {
  const fleet = new NetworkGraph(manifests);
  const peers = peerNodes(manifests, fleet.workloads);
  // Pods outside the fleet join the evaluator as workloads with the labels the policies select.
  const graph = new NetworkGraph([...manifests, ...peers.filter((p) => p.pod).map((p) => p.pod!.manifest)]);
  const entries = publicEntries(manifests, graph.workloads);
  const candidates = candidatePorts(manifests, graph.workloads);

  const index = new PeerIndex(manifests, graph.workloads);
  const fleetIds = new Set(fleet.workloads.map((w) => `${w.namespace}/${w.name}`));
  const pods = graph.workloads.map((w) => ({ workload: w, node: nodeOf(w, fleetIds, peers) }));
  const edges: GraphEdge[] = [];
  for (const from of pods) {
    // Pods outside the fleet answer to policies the tree does not hold: only their connections to the fleet are known.
    const outsider = from.node.kind === 'platform';
    for (const to of pods) {
      if (from === to || (outsider && to.node.kind === 'platform') || !index.mayConnect(from.workload, to.workload)) continue;
      const ports = allowedPorts(candidates, (port, protocol) => graph.allows(from.workload, to.workload, port, protocol));
      if (ports.length > 0) edges.push({ from: from.node.id, to: to.node.id, ports });
    }
    for (const block of outsider || !index.mayReachBlocks(from.workload) ? [] : peers.filter((p) => p.cidr)) {
      const ports = allowedPorts(candidates, (port, protocol) => graph.allowsEgressToIp(from.workload, block.cidr!.probe, port, protocol));
      if (ports.length > 0) edges.push({ from: from.node.id, to: block.id, ports });
    }
  }

  const outside = new Set(pods.filter((p) => p.node.kind === 'platform').map((p) => p.node.id));
  const ingressSources = new Set(edges.filter((e) => isEntry(e, outside, entries)).map((e) => e.from));
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  const nodes: GraphNode[] = [];
  for (const { node } of pods) {
    const hosts = entries.filter((e) => e.workload === node.id).flatMap((e) => e.hosts);
    // Pods outside the fleet are drawn only where they connect to something.
    if (node.kind === 'platform' && !used.has(node.id)) continue;
    nodes.push({
      ...node,
      ...(ingressSources.has(node.id) ? { kind: 'ingress' } : {}),
      ...(hosts.length > 0 ? { hosts: [...new Set(hosts)].sort() } : {}),
    });
  }
  for (const block of peers.filter((p) => p.cidr && used.has(p.id))) nodes.push({ id: block.id, kind: 'external', label: block.id, group: 'external' });

  return {
    environment,
    nodes: dedupe(nodes).sort((a, b) => compare(groupRank(a), groupRank(b)) || compare(a.group, b.group) || compare(a.id, b.id)),
    edges: mergeEdges(edges),
  };
}

/** An edge from a pod outside the fleet to a public app on the port its Ingress or HTTPRoute targets. */
function isEntry(edge: GraphEdge, outside: ReadonlySet<string>, entries: readonly PublicEntry[]): boolean {
  return outside.has(edge.from) && entries.some((e) => e.workload === edge.to && e.ports.some((p) => edge.ports.includes(String(p))));
}

function nodeOf(w: Workload, fleet: ReadonlySet<string>, peers: readonly PeerNode[]): GraphNode {
  if (fleet.has(`${w.namespace}/${w.name}`)) {
    const id = `${w.namespace}/${w.name}`;
    const component = w.labels['app.kubernetes.io/component'];
    const kind: NodeKind = component === 'database' || component === 'cache' ? 'data-store' : 'app';
    return { id, kind, label: w.name, group: w.labels.team ?? w.namespace, workload: w.kind };
  }
  const peer = peers.find((p) => p.pod?.name === w.name && p.pod.namespace === w.namespace)!;
  return { id: peer.id, kind: 'platform', label: peer.id, group: 'platform' };
}

/** Every port a connection could use: the workloads' container ports and the ports the policies name. */
function candidatePorts(manifests: readonly Manifest[], workloads: readonly Workload[]): { port: number; protocol: string }[] {
  const found = new Map<string, { port: number; protocol: string }>();
  const add = (port: number, protocol: string) => found.set(`${port}/${protocol}`, { port, protocol });
  for (const w of workloads) for (const port of Object.values(w.ports)) add(port, 'TCP');
  for (const m of manifests) {
    if (m.kind !== 'NetworkPolicy') continue;
    const spec = (m as { spec?: { ingress?: readonly Rule[]; egress?: readonly Rule[] } }).spec;
    for (const rule of [...(spec?.ingress ?? []), ...(spec?.egress ?? [])])
      for (const p of rule.ports ?? []) {
        if (typeof p.port !== 'number') continue;
        for (let port = p.port; port <= Math.min(p.endPort ?? p.port, p.port + 64); port++) add(port, p.protocol ?? 'TCP');
      }
  }
  return [...found.values()].sort((a, b) => a.port - b.port || compare(a.protocol, b.protocol));
}

interface Rule {
  readonly ports?: readonly { readonly port?: number | string; readonly endPort?: number; readonly protocol?: string }[];
}

/** The ports a check allows, or ['any'] when it allows a port that nothing names. */
function allowedPorts(candidates: readonly { port: number; protocol: string }[], allows: (port: number, protocol: string) => boolean): string[] {
  if (allows(UNNAMED_PORT, 'TCP')) return [ANY_PORT];
  return candidates.filter((c) => c.port !== DNS_PORT && allows(c.port, c.protocol)).map(portLabel);
}

function portLabel(c: { port: number; protocol: string }): string {
  return c.protocol === 'TCP' ? String(c.port) : `${c.port}/${c.protocol}`;
}

/** Two workloads of one node (never in practice, but a tree may hold them) give one node, their edges one edge. */
function dedupe(nodes: GraphNode[]): GraphNode[] {
  const seen = new Map<string, GraphNode>();
  for (const n of nodes) if (!seen.has(n.id)) seen.set(n.id, n);
  return [...seen.values()];
}

function mergeEdges(edges: readonly GraphEdge[]): GraphEdge[] {
  const byPair = new Map<string, { from: string; to: string; ports: Set<string> }>();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    const entry = byPair.get(key) ?? { from: e.from, to: e.to, ports: new Set<string>() };
    for (const p of e.ports) entry.ports.add(p);
    byPair.set(key, entry);
  }
  return [...byPair.values()]
    .map((e) => ({
      from: e.from,
      to: e.to,
      ports: e.ports.has(ANY_PORT) ? [ANY_PORT] : [...e.ports].sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || compare(a, b)),
    }))
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
}

/** Left to right as traffic comes in: the platform's pods (the ingress controller), the fleet's teams, then what lies outside. */
function groupRank(n: GraphNode): string {
  return n.group === 'platform' ? '0' : n.group === 'external' ? '2' : '1';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
