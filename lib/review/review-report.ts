import { CapacityTotals } from './capacity-totals';
import { diffTrees, TreeDiff } from './diff-trees';
import { GraphChange } from './graph/graph-change';
import { graphChanges } from './graph/graph-changes';
import { RenderedTree } from './rendered-tree';
import { assessRisks } from './risk/assess-risks';
import { capacityOfTree } from './risk/capacity';
import { RiskFlag } from './risk/risk-flag';

/** One side of a comparison and how its tree was obtained. */
export interface TreeSide {
  /** e.g. 'main (4265b1f)', 'working tree', or a folder. */
  readonly label: string;
  /** e.g. 'dist/ as committed', 'rendered in a temporary worktree', 'rendered from the sources'. */
  readonly how: string;
}

/** Requests and limits times replicas of one environment, on both sides. */
export interface CapacityChange {
  readonly environment: string;
  readonly before: CapacityTotals;
  readonly after: CapacityTotals;
}

/** Everything `platform diff` reports, whatever the format. */
export interface ReviewReport {
  readonly base: TreeSide;
  readonly head: TreeSide;
  /** Things the reader should know about the comparison itself (a fallback base, an uncounted DaemonSet). */
  readonly notes: readonly string[];
  readonly diff: TreeDiff;
  readonly risks: readonly RiskFlag[];
  /** Every environment, changed or not. */
  readonly capacity: readonly CapacityChange[];
  /** The environments whose service graph changes, and how. */
  readonly graph: readonly GraphChange[];
}

export interface BuildReviewOptions {
  readonly base: TreeSide;
  readonly head: TreeSide;
  /** @default - none */
  readonly notes?: readonly string[];
  /** @default - alphabetical */
  readonly environmentOrder?: readonly string[];
}

/** Compares two rendered trees: the semantic diff, its risk flags, the capacity and the service-graph change per environment. */
export function buildReview(before: RenderedTree, after: RenderedTree, options: BuildReviewOptions): ReviewReport {
  const diff = diffTrees(before, after, { environmentOrder: options.environmentOrder });
  const risks = assessRisks({ before, after, diff });
  const notes = [...(options.notes ?? [])];
  const capacity = diff.environments.map((environment) => {
    const [b, a] = [capacityOfTree(before, environment), capacityOfTree(after, environment)];
    for (const note of [...b.notes, ...a.notes]) if (!notes.includes(`${environment}: ${note}`)) notes.push(`${environment}: ${note}`);
    return { environment, before: b.totals, after: a.totals };
  });
  return { base: options.base, head: options.head, notes, diff, risks, capacity, graph: graphChanges(before, after, diff) };
}
