import { groupsOf, groupTitle, nodeText } from './graph-view';
import { GraphEdge, GraphNode, ServiceGraph } from './service-graph';

/** How an edge is drawn: as it is, new, or gone. */
export type EdgeStyle = 'same' | 'added' | 'removed';

export interface MermaidEdge extends GraphEdge {
  readonly style?: EdgeStyle;
}

export interface MermaidOptions {
  /** Edges to draw instead of the graph's, each with its style. @default - the graph's edges, unstyled */
  readonly edges?: readonly MermaidEdge[];
  /** Nodes to mark as newly public. @default - none */
  readonly newlyPublic?: ReadonlySet<string>;
}

/**
 * The graph as a Mermaid flowchart (GitHub and GitLab draw it in Markdown): one subgraph per
 * group, shapes by kind, ports on the edges. Node ids are positional (n0, n1...) so any id is safe.
 */
export function formatMermaid(graph: ServiceGraph, options: MermaidOptions = {}): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const group of groupsOf(graph.nodes)) {
    lines.push(`  subgraph g${groupsOf(graph.nodes).indexOf(group)}["${text(groupTitle(group))}"]`);
    for (const node of graph.nodes.filter((n) => n.group === group))
      lines.push(`    ${ids.get(node.id)}${shape(node, options.newlyPublic?.has(node.id) ?? false)}`);
    lines.push('  end');
  }
  const edges: readonly MermaidEdge[] = options.edges ?? graph.edges;
  const styled: Record<EdgeStyle, number[]> = { same: [], added: [], removed: [] };
  edges.forEach((e, i) => {
    const style = e.style ?? 'same';
    styled[style].push(i);
    const arrow = style === 'removed' ? '-.->' : style === 'added' ? '==>' : '-->';
    const sign = style === 'added' ? '+ ' : style === 'removed' ? '− ' : '';
    lines.push(`  ${ids.get(e.from)} ${arrow}|"${text(sign + e.ports.join(', '))}"| ${ids.get(e.to)}`);
  });
  if (styled.added.length > 0) lines.push(`  linkStyle ${styled.added.join(',')} stroke:#1a7f37,stroke-width:3px,color:#1a7f37`);
  if (styled.removed.length > 0) lines.push(`  linkStyle ${styled.removed.join(',')} stroke:#cf222e,stroke-width:2px,color:#cf222e`);
  const publicNodes = graph.nodes.filter((n) => options.newlyPublic?.has(n.id)).map((n) => ids.get(n.id)!);
  if (publicNodes.length > 0) lines.push('  classDef newlyPublic stroke:#bf8700,stroke-width:3px', `  class ${publicNodes.join(',')} newlyPublic`);
  return `${lines.join('\n')}\n`;
}

function shape(node: GraphNode, newlyPublic: boolean): string {
  const label = text([...(newlyPublic ? ['🌐 newly public'] : []), ...nodeText(node)].join('<br/>'));
  switch (node.kind) {
    case 'data-store':
      return `[("${label}")]`;
    case 'external':
      return `{{"${label}"}}`;
    case 'ingress':
      return `>"${label}"]`;
    case 'platform':
      return `("${label}")`;
    default:
      return `["${label}"]`;
  }
}

/** Mermaid labels are quoted; a quote inside one is written as an entity. */
function text(s: string): string {
  return s.replace(/"/g, '#quot;');
}
