import dagre from '@dagrejs/dagre';
import { escapeXml as xml } from './escape-xml';
import { groupsOf, groupTitle, nodeText } from './graph-view';
import { GraphNode, ServiceGraph } from './service-graph';

/** Text is measured by estimate (no fonts are loaded): a character of the 12px sans-serif face is about 7px wide. */
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 15;

const FILL: Readonly<Record<GraphNode['kind'], string>> = {
  app: '#ddf4ff',
  'data-store': '#fff8c5',
  ingress: '#ffebe9',
  platform: '#f6f8fa',
  external: '#fbefff',
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The graph as a standalone SVG, laid out by dagre (in-process, offline): one box per group,
 * shapes coloured by kind, ports on the edges. Each node is a `<g class="node" data-id="...">`
 * so a page can make it clickable. Deterministic: the layout has no randomness and numbers are
 * rounded.
 */
export function graphSvg(graph: ServiceGraph): string {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const groups = groupsOf(graph.nodes);
  groups.forEach((group, i) => g.setNode(`group:${i}`, { label: groupTitle(group), width: 0, height: 0, paddingTop: 24 }));
  for (const node of graph.nodes) {
    const lines = nodeText(node);
    g.setNode(node.id, { width: Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + 24, height: lines.length * LINE_HEIGHT + 14 });
    g.setParent(node.id, `group:${groups.indexOf(node.group)}`);
  }
  for (const e of graph.edges) {
    const label = e.ports.join(', ');
    g.setEdge(e.from, e.to, { label, width: label.length * 6.5 + 6, height: 14, labelpos: 'c' });
  }
  dagre.layout(g);

  const size = g.graph() as { width?: number; height?: number };
  const [width, height] = [round(size.width ?? 0), round(size.height ?? 0)];
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="service-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker></defs>',
  ];
  groups.forEach((group, i) => {
    const b = box(g.node(`group:${i}`) as Box);
    out.push(
      `<g class="group" data-group="${xml(group)}"><rect x="${b.x}" y="${b.y - 10}" width="${b.width}" height="${b.height + 10}" rx="8" fill="none" stroke="#d0d7de" stroke-dasharray="4 3"/>`,
      `<text x="${b.x + 8}" y="${b.y + 4}" fill="#57606a" font-weight="bold">${xml(groupTitle(group))}</text></g>`,
    );
  });
  for (const e of graph.edges) {
    const edge = g.edge(e.from, e.to) as { points: { x: number; y: number }[]; x: number; y: number };
    const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
    out.push(
      `<g class="edge" data-from="${xml(e.from)}" data-to="${xml(e.to)}"><path d="${d}" fill="none" stroke="#57606a" stroke-width="1.4" marker-end="url(#arrow)"/>`,
      `<text x="${round(edge.x)}" y="${round(edge.y + 4)}" text-anchor="middle" fill="#24292f" font-size="11" stroke="#fff" stroke-width="3" paint-order="stroke">${xml(e.ports.join(', '))}</text></g>`,
    );
  }
  for (const node of graph.nodes) {
    const b = box(g.node(node.id) as Box);
    const lines = nodeText(node);
    const stroke = node.hosts ? 'stroke="#bf8700" stroke-width="2.5"' : 'stroke="#57606a"';
    const dash = node.kind === 'external' ? ' stroke-dasharray="5 3"' : '';
    const rx = node.kind === 'data-store' ? 14 : node.kind === 'platform' ? 20 : 4;
    out.push(
      `<g class="node node-${node.kind}" data-id="${xml(node.id)}" tabindex="0"><title>${xml(node.id)}</title>`,
      `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="${rx}" fill="${FILL[node.kind]}" ${stroke}${dash}/>`,
      ...lines.map(
        (line, i) =>
          `<text x="${round(b.x + b.width / 2)}" y="${round(b.y + 7 + LINE_HEIGHT * (i + 0.8))}" text-anchor="middle"${i === 0 ? ' font-weight="bold"' : ' font-size="11"'}>${xml(line)}</text>`,
      ),
      '</g>',
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** dagre gives centres; SVG wants corners. */
function box(n: Box): Box {
  return { x: round(n.x - n.width / 2), y: round(n.y - n.height / 2), width: round(n.width), height: round(n.height) };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
