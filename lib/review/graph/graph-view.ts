import { GraphNode, ServiceGraph } from './service-graph';

/**
 * The part of a graph around some nodes: those nodes, every edge that touches one of them, and
 * the nodes at the other end (their neighbours), in the graph's order.
 */
export function focusGraph(graph: ServiceGraph, keep: (node: GraphNode) => boolean): ServiceGraph {
  const focus = new Set(graph.nodes.filter(keep).map((n) => n.id));
  const edges = graph.edges.filter((e) => focus.has(e.from) || focus.has(e.to));
  const shown = new Set([...focus, ...edges.flatMap((e) => [e.from, e.to])]);
  return { environment: graph.environment, nodes: graph.nodes.filter((n) => shown.has(n.id)), edges };
}

/** How a group is titled in every drawing. */
export function groupTitle(group: string): string {
  return group === 'platform' ? 'platform (outside the fleet)' : group === 'external' ? 'outside the cluster' : `team ${group}`;
}

/** The groups of a graph's nodes, in the nodes' order. */
export function groupsOf(nodes: readonly GraphNode[]): string[] {
  return [...new Set(nodes.map((n) => n.group))];
}

/** A node's text: its name, what it is when not an app, and the hosts it is published under. */
export function nodeText(node: GraphNode): string[] {
  const lines = [node.label];
  if (node.kind === 'data-store') lines.push('(data store)');
  if (node.kind === 'ingress') lines.push('(ingress)');
  if (node.kind === 'app' && node.workload && node.workload !== 'Deployment') lines.push(`(${node.workload})`);
  for (const host of node.hosts ?? []) lines.push(`public: ${host}`);
  return lines;
}
