import { EdgeStyle, formatMermaid, MermaidEdge } from './format-mermaid';
import { GraphEdge, GraphNode, ServiceGraph } from './service-graph';

/** Past this many edges a drawing of the change is unreadable in a comment: it is summarised instead. */
export const MAX_DRAWN_EDGES = 40;

/** What a change does to one environment's service graph. */
export interface GraphChange {
  readonly environment: string;
  /** Connections (with only their new ports) that the change allows. */
  readonly added: readonly GraphEdge[];
  /** Connections (with only their lost ports) that it no longer allows. */
  readonly removed: readonly GraphEdge[];
  /** Apps published under a host they were not published under before. */
  readonly newlyPublic: readonly { readonly node: string; readonly hosts: readonly string[] }[];
  /** The changed part and its neighbours, every edge styled; what the drawing shows. */
  readonly view: { readonly graph: ServiceGraph; readonly edges: readonly MermaidEdge[] };
}

/** The difference between two graphs of one environment, or undefined when there is none. */
export function graphChange(before: ServiceGraph, after: ServiceGraph): GraphChange | undefined {
  const old = portsByPair(before.edges);
  const fresh = portsByPair(after.edges);
  const styled: MermaidEdge[] = [];
  for (const key of [...new Set([...fresh.keys(), ...old.keys()])].sort()) {
    const [from, to] = key.split('\u0000');
    const [b, a] = [old.get(key) ?? [], fresh.get(key) ?? []];
    const push = (ports: string[], style: EdgeStyle) => ports.length > 0 && styled.push({ from, to, ports, style });
    push(
      a.filter((p) => b.includes(p)),
      'same',
    );
    push(
      a.filter((p) => !b.includes(p)),
      'added',
    );
    push(
      b.filter((p) => !a.includes(p)),
      'removed',
    );
  }
  const oldHosts = new Map(before.nodes.map((n) => [n.id, n.hosts ?? []]));
  const newlyPublic = after.nodes
    .map((n) => ({ node: n.id, hosts: (n.hosts ?? []).filter((h) => !(oldHosts.get(n.id) ?? []).includes(h)) }))
    .filter((n) => n.hosts.length > 0);
  const added = styled.filter((e) => e.style === 'added').map(({ from, to, ports }) => ({ from, to, ports }));
  const removed = styled.filter((e) => e.style === 'removed').map(({ from, to, ports }) => ({ from, to, ports }));
  if (added.length === 0 && removed.length === 0 && newlyPublic.length === 0) return undefined;

  const affected = new Set([...added, ...removed].flatMap((e) => [e.from, e.to]).concat(newlyPublic.map((n) => n.node)));
  const edges = styled.filter((e) => affected.has(e.from) || affected.has(e.to));
  const shown = new Set([...affected, ...edges.flatMap((e) => [e.from, e.to])]);
  const afterIds = new Set(after.nodes.map((n) => n.id));
  const nodes: GraphNode[] = [...after.nodes, ...before.nodes.filter((n) => !afterIds.has(n.id))].filter((n) => shown.has(n.id));
  return { environment: after.environment, added, removed, newlyPublic, view: { graph: { environment: after.environment, nodes, edges }, edges } };
}

/**
 * The change as Mermaid, new connections thick and green, lost ones dashed and red, newly public
 * apps outlined; undefined when it has more than MAX_DRAWN_EDGES edges.
 */
export function changeDiagram(change: GraphChange): string | undefined {
  if (change.view.edges.length > MAX_DRAWN_EDGES) return undefined;
  return formatMermaid(change.view.graph, { edges: change.view.edges, newlyPublic: new Set(change.newlyPublic.map((n) => n.node)) });
}

function portsByPair(edges: readonly GraphEdge[]): Map<string, string[]> {
  return new Map(edges.map((e) => [`${e.from}\u0000${e.to}`, [...e.ports]]));
}
