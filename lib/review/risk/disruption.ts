import { Manifest } from '../../manifest/manifest';
import { ObjectDiff } from '../diff-trees';
import { objectFlag, previousOf, ReviewInput, RiskFlag } from './risk-flag';

type IntOrPercent = number | string;

/** The API's defaults for rollouts: what an unset maxUnavailable means. */
const DEFAULT_MAX_UNAVAILABLE: Record<string, IntOrPercent> = { Deployment: '25%', StatefulSet: 1, DaemonSet: 1 };

/**
 * Disruption: a PodDisruptionBudget removed or loosened (more pods may be evicted at once, or
 * unhealthy pods evicted regardless of the budget), a rollout that takes more pods down at once
 * (maxUnavailable raised, or the Recreate strategy).
 */
export function disruptionRisks({ diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const d of diff.objects) {
    if (d.kind === 'PodDisruptionBudget' && d.status === 'removed') {
      flags.push(
        objectFlag(d, 'disruption', 'disruption/pdb-removed', 'PodDisruptionBudget removed: node drains and upgrades may evict all of its pods at once'),
      );
      continue;
    }
    const before = previousOf(d);
    if (!before || !d.after) continue;
    if (d.kind === 'PodDisruptionBudget') flags.push(...budgetRisks(d, before, d.after));
    if (d.kind in DEFAULT_MAX_UNAVAILABLE) flags.push(...rolloutRisks(d, before, d.after));
  }
  return flags;
}

function budgetRisks(d: ObjectDiff, before: Manifest, after: Manifest): RiskFlag[] {
  type Spec = { maxUnavailable?: IntOrPercent; minAvailable?: IntOrPercent; unhealthyPodEvictionPolicy?: string };
  const [b, a] = [(before as { spec?: Spec }).spec ?? {}, (after as { spec?: Spec }).spec ?? {}];
  const flags: RiskFlag[] = [];
  const loosened = (message: string) => flags.push(objectFlag(d, 'disruption', 'disruption/pdb-loosened', message));
  if (b.maxUnavailable !== undefined && a.maxUnavailable !== undefined) {
    const cmp = compareIntOrPercent(b.maxUnavailable, a.maxUnavailable);
    if (cmp === 'raised') loosened(`maxUnavailable raised ${b.maxUnavailable} -> ${a.maxUnavailable}`);
    if (cmp === 'incomparable') loosened(`maxUnavailable ${b.maxUnavailable} -> ${a.maxUnavailable}: may be looser, depending on the replica count`);
  } else if (b.minAvailable !== undefined && a.minAvailable !== undefined) {
    const cmp = compareIntOrPercent(b.minAvailable, a.minAvailable);
    if (cmp === 'lowered') loosened(`minAvailable lowered ${b.minAvailable} -> ${a.minAvailable}`);
    if (cmp === 'incomparable') loosened(`minAvailable ${b.minAvailable} -> ${a.minAvailable}: may be looser, depending on the replica count`);
  } else if (JSON.stringify([b.maxUnavailable, b.minAvailable]) !== JSON.stringify([a.maxUnavailable, a.minAvailable])) {
    const show = (s: Spec) =>
      s.maxUnavailable !== undefined ? `maxUnavailable ${s.maxUnavailable}` : s.minAvailable !== undefined ? `minAvailable ${s.minAvailable}` : 'no bound';
    loosened(`budget changed from ${show(b)} to ${show(a)}: check it still protects enough pods`);
  }
  if (b.unhealthyPodEvictionPolicy !== 'AlwaysAllow' && a.unhealthyPodEvictionPolicy === 'AlwaysAllow') {
    loosened('unhealthyPodEvictionPolicy AlwaysAllow: unhealthy pods are evicted even when the budget is exhausted');
  }
  return flags;
}

function rolloutRisks(d: ObjectDiff, before: Manifest, after: Manifest): RiskFlag[] {
  type Strategy = { type?: string; rollingUpdate?: { maxUnavailable?: IntOrPercent } };
  const strategy = (m: Manifest): Strategy => {
    const spec = (m as { spec?: { strategy?: Strategy; updateStrategy?: Strategy } }).spec ?? {};
    return (m.kind === 'Deployment' ? spec.strategy : spec.updateStrategy) ?? {};
  };
  const [b, a] = [strategy(before), strategy(after)];
  if (d.kind === 'Deployment' && b.type !== 'Recreate' && a.type === 'Recreate') {
    return [
      objectFlag(d, 'disruption', 'disruption/recreate', 'rollout strategy Recreate: every pod stops before the new ones start (downtime on each rollout)'),
    ];
  }
  const fallback = DEFAULT_MAX_UNAVAILABLE[d.kind];
  const [old, now] = [b.rollingUpdate?.maxUnavailable ?? fallback, a.rollingUpdate?.maxUnavailable ?? fallback];
  const cmp = compareIntOrPercent(old, now);
  if (cmp === 'raised')
    return [
      objectFlag(d, 'disruption', 'disruption/max-unavailable', `rollout maxUnavailable raised ${old} -> ${now}: more pods down at once during a rollout`),
    ];
  if (cmp === 'incomparable')
    return [
      objectFlag(
        d,
        'disruption',
        'disruption/max-unavailable',
        `rollout maxUnavailable ${old} -> ${now}: may take more pods down at once, depending on the replica count`,
      ),
    ];
  return [];
}

/** Compares two int-or-percent values of the same kind; a number and a percentage cannot be compared alone. */
export function compareIntOrPercent(before: IntOrPercent, after: IntOrPercent): 'same' | 'raised' | 'lowered' | 'incomparable' {
  const parse = (v: IntOrPercent) =>
    typeof v === 'number'
      ? { percent: false, n: v }
      : /^\d+%$/.test(v)
        ? { percent: true, n: Number(v.slice(0, -1)) }
        : /^\d+$/.test(v)
          ? { percent: false, n: Number(v) }
          : undefined;
  const [b, a] = [parse(before), parse(after)];
  if (!b || !a || b.percent !== a.percent) return String(before) === String(after) ? 'same' : 'incomparable';
  return a.n > b.n ? 'raised' : a.n < b.n ? 'lowered' : 'same';
}
