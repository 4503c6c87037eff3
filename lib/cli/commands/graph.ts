import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../internal/errors';
import { formatDot } from '../../review/graph/format-dot';
import { formatMermaid } from '../../review/graph/format-mermaid';
import { graphSvg } from '../../review/graph/graph-svg';
import { focusGraph } from '../../review/graph/graph-view';
import { serviceGraph } from '../../review/graph/service-graph';
import { environmentsOf, manifestsIn, readTree } from '../../review/rendered-tree';
import { renderWorkingTree } from '../../review/working-tree';
import { loadEnvironments, projectPaths } from '../../pipeline/project';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg', 'json'] as const;

export interface GraphOptions {
  /** Repository root. */
  readonly root: string;
  /** @default - the last environment of apps/environments.ts (the end of the promotion path) */
  readonly env?: string;
  /** Only this team's apps and the nodes they connect to. @default - every team */
  readonly team?: string;
  /** @default 'mermaid' */
  readonly format?: string;
  /** Read a tree written by `platform synth` instead of rendering the sources (loads no app code). @default - render the sources */
  readonly dist?: string;
}

/**
 * `platform graph`: who may connect to whom in one environment, on which ports, as its rendered
 * NetworkPolicies allow it (lib/review/graph/service-graph.ts), as Mermaid, DOT, SVG or JSON.
 */
export function graphCommand(options: GraphOptions, io: Io): number {
  const format = options.format ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('E_USAGE', `--format '${format}' is not a graph format (known: ${GRAPH_FORMATS.join(', ')})`);
  }
  const { tree, order } =
    options.dist === undefined
      ? (({ tree, environments }) => ({ tree, order: environments }))(renderWorkingTree(resolve(options.root)))
      : { tree: readTree(resolve(options.dist)), order: environmentOrder(resolve(options.root)) };
  const environments = environmentsOf([tree], order).filter((e) => e !== '(root)');
  const environment = options.env ?? environments[environments.length - 1];
  if (environment === undefined || !environments.includes(environment)) {
    throw new UsageError(
      'E_ENV_UNKNOWN',
      `--env '${options.env ?? ''}' is not an environment of the fleet (known: ${environments.join(', ') || 'none'}). Fix: use one of the known environments`,
    );
  }
  let graph = serviceGraph(environment, manifestsIn(tree, environment));
  if (options.team !== undefined) {
    const team = options.team;
    const teams = [...new Set(graph.nodes.filter((n) => n.kind === 'app' || n.kind === 'data-store').map((n) => n.group))].sort();
    if (!teams.includes(team)) {
      throw new UsageError(
        'E_TEAM_UNKNOWN',
        `--team '${team}' has no apps in ${environment} (teams: ${teams.join(', ') || 'none'}). Fix: use one of those teams, or another --env`,
      );
    }
    graph = focusGraph(graph, (n) => n.group === team);
  }
  const text =
    format === 'json' ? `${JSON.stringify(graph, null, 2)}\n` : format === 'dot' ? formatDot(graph) : format === 'svg' ? graphSvg(graph) : formatMermaid(graph);
  io.out(text);
  return EXIT.ok;
}

/** The environments' order when run in a platform repository; alphabetical otherwise. */
function environmentOrder(root: string): string[] {
  const paths = projectPaths(root);
  return existsSync(paths.environmentsFile) ? loadEnvironments(paths).map((e) => e.name) : [];
}
