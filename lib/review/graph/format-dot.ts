import { groupsOf, groupTitle, nodeText } from './graph-view';
import { GraphNode, ServiceGraph } from './service-graph';

const SHAPES: Readonly<Record<GraphNode['kind'], string>> = {
  app: 'box',
  'data-store': 'cylinder',
  ingress: 'invhouse',
  platform: 'ellipse',
  external: 'hexagon',
};

/** The graph in Graphviz DOT: one cluster per group, shapes by kind, ports on the edges. */
export function formatDot(graph: ServiceGraph): string {
  const lines = [
    `digraph ${quote(`service graph ${graph.environment}`)} {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  groupsOf(graph.nodes).forEach((group, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${quote(groupTitle(group))};`);
    for (const node of graph.nodes.filter((n) => n.group === group)) {
      const style = node.hosts ? ', style=bold, color="#bf8700"' : '';
      lines.push(`    ${quote(node.id)} [label=${quote(nodeText(node).join('\n'))}, shape=${SHAPES[node.kind]}${style}];`);
    }
    lines.push('  }');
  });
  for (const e of graph.edges) lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.ports.join(', '))}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
