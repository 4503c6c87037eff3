import { changeDiagram, GraphChange, MAX_DRAWN_EDGES } from './graph-change';
import { GraphEdge } from './service-graph';

/** Past this many, the connections of a change too large to draw are counted rather than listed. */
const MAX_LISTED = 30;

/**
 * The service-graph section of a pull-request comment: per environment whose graph changes, a
 * Mermaid drawing of the changed part and its neighbours (or, past MAX_DRAWN_EDGES edges, a
 * summary). Empty when no graph changes.
 */
export function graphMarkdown(changes: readonly GraphChange[]): string[] {
  if (changes.length === 0) return [];
  const out = ['#### Service graph', ''];
  for (const change of changes) {
    out.push(`**${change.environment}**: ${summary(change)}`, '');
    for (const p of change.newlyPublic) out.push(`- 🌐 newly public: \`${p.node}\` at ${p.hosts.map((h) => `\`${h}\``).join(', ')}`);
    if (change.newlyPublic.length > 0) out.push('');
    const diagram = changeDiagram(change);
    if (diagram) {
      out.push('```mermaid', diagram.trimEnd(), '```', '');
      continue;
    }
    out.push(
      `_Too large to draw (${change.view.edges.length} edges, the limit is ${MAX_DRAWN_EDGES}); run \`platform graph --env ${change.environment}\` for the whole graph._`,
      '',
    );
    const lines = [...change.added.map((e) => `- added: ${edgeText(e)}`), ...change.removed.map((e) => `- removed: ${edgeText(e)}`)];
    out.push(...lines.slice(0, MAX_LISTED));
    if (lines.length > MAX_LISTED) out.push(`- and ${lines.length - MAX_LISTED} more`);
    out.push('');
  }
  out.push('_Thick green: a connection the change allows; dashed red: one it no longer allows; ports on the edges. DNS is left out._', '');
  return out;
}

function summary(change: GraphChange): string {
  const count = (n: number, what: string) => (n === 0 ? '' : `${n} ${what}${n === 1 ? '' : 's'}`);
  return [
    count(change.added.length, 'connection') && `${count(change.added.length, 'connection')} added`,
    count(change.removed.length, 'connection') && `${count(change.removed.length, 'connection')} removed`,
    change.newlyPublic.length > 0 && `${count(change.newlyPublic.length, 'app')} newly public`,
  ]
    .filter(Boolean)
    .join(', ');
}

function edgeText(e: GraphEdge): string {
  return `\`${e.from}\` → \`${e.to}\` on ${e.ports.join(', ')}`;
}
