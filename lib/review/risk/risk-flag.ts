import { ObjectDiff, TreeDiff } from '../diff-trees';
import { RenderedTree } from '../rendered-tree';

/** The kinds of risk a reviewer is warned about, in the order reports list them. */
export type RiskFamily = 'hardening' | 'exposure' | 'privilege' | 'escape-hatch' | 'capacity' | 'disruption' | 'apply-hazard' | 'deletion';

export const RISK_FAMILIES: readonly { readonly family: RiskFamily; readonly title: string }[] = [
  { family: 'hardening', title: 'hardened path changed' },
  { family: 'exposure', title: 'exposure widened' },
  { family: 'privilege', title: 'privilege increased' },
  { family: 'escape-hatch', title: 'escape hatch' },
  { family: 'capacity', title: 'capacity' },
  { family: 'disruption', title: 'disruption' },
  { family: 'apply-hazard', title: 'apply hazard' },
  { family: 'deletion', title: 'deletion' },
];

/** One thing about a change that a reviewer should look at twice. */
export interface RiskFlag {
  readonly family: RiskFamily;
  /** Stable id of the check that raised it, e.g. 'exposure/new-host': tests and docs refer to it. */
  readonly rule: string;
  readonly environment: string;
  /** The app (file) of the object, e.g. 'shop/storefront'; absent for environment-wide flags. */
  readonly app?: string;
  /** The object, e.g. 'Ingress shop/storefront'; absent for environment-wide flags. */
  readonly object?: string;
  /** One line on what changed, without the object's name (reports group flags by message). */
  readonly message: string;
  /** Further lines, e.g. the workloads behind a capacity change. */
  readonly details?: readonly string[];
}

/** What every risk check reads: both trees whole (for cross-object facts) and their difference. */
export interface ReviewInput {
  readonly before: RenderedTree;
  readonly after: RenderedTree;
  readonly diff: TreeDiff;
}

/** A flag about one object of the diff. */
export function objectFlag(d: ObjectDiff, family: RiskFamily, rule: string, message: string, details?: readonly string[]): RiskFlag {
  return { family, rule, environment: d.environment, app: d.app, object: d.id, message, ...(details && details.length > 0 ? { details } : {}) };
}

/** The object as it was, for comparison: nothing for a new object. */
export function previousOf(d: ObjectDiff): ObjectDiff['before'] {
  return d.status === 'added' ? undefined : d.before;
}

/** `a, b and 3 more`: keeps one-line messages one line. */
export function listed(items: readonly string[], max = 4): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
