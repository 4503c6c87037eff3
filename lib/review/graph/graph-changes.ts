import { TreeDiff } from '../diff-trees';
import { manifestsIn, RenderedTree } from '../rendered-tree';
import { GraphChange, graphChange } from './graph-change';
import { serviceGraph } from './service-graph';

/** The kinds whose change can change who may reach whom (workloads carry the pod labels and ports). */
const GRAPH_KINDS = new Set(['NetworkPolicy', 'Namespace', 'Service', 'Ingress', 'HTTPRoute', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * The service-graph change of every environment the diff touches, in the diff's order. An
 * environment where no object of a kind that shapes the graph changed is not evaluated.
 */
export function graphChanges(before: RenderedTree, after: RenderedTree, diff: TreeDiff): GraphChange[] {
  const out: GraphChange[] = [];
  for (const environment of diff.environments) {
    if (!diff.objects.some((d) => d.environment === environment && GRAPH_KINDS.has(d.kind))) continue;
    const change = graphChange(serviceGraph(environment, manifestsIn(before, environment)), serviceGraph(environment, manifestsIn(after, environment)));
    if (change) out.push(change);
  }
  return out;
}
