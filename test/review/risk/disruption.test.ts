import { compareIntOrPercent } from '../../../lib/review/risk/disruption';
import { webDef } from '../../helpers';
import { appTree, craftedTree, edit, flagged, review, without } from '../tree-fixtures';

const before = appTree([webDef({ name: 'web' })]);
const pdb = (spec: object) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});
const tree = (o: object) => craftedTree({ 'prod/shop/web.yaml': [o] });

describe('disruption', () => {
  test('flags a removed PodDisruptionBudget', () => {
    expect(flagged(review(before, without(before, 'prod', 'PodDisruptionBudget shop/web')), 'disruption/pdb-removed')).toEqual([
      'PodDisruptionBudget shop/web: PodDisruptionBudget removed: node drains and upgrades may evict all of its pods at once',
    ]);
  });

  test('flags a budget that allows more evictions, and not one that allows fewer', () => {
    const raised = edit(before, 'prod', 'PodDisruptionBudget shop/web', (p) => (p.spec.maxUnavailable = 3));
    expect(flagged(review(before, raised), 'disruption/pdb-loosened')).toEqual(['PodDisruptionBudget shop/web: maxUnavailable raised 1 -> 3']);
    expect(review(raised, before).risks.filter((r) => r.family === 'disruption')).toEqual([]);
    expect(flagged(review(tree(pdb({ minAvailable: 3 })), tree(pdb({ minAvailable: 2 }))), 'disruption/pdb-loosened')).toEqual([
      'PodDisruptionBudget shop/web: minAvailable lowered 3 -> 2',
    ]);
  });

  test('flags a change it cannot compare without the replica count, and a switch of bound', () => {
    expect(flagged(review(tree(pdb({ maxUnavailable: 1 })), tree(pdb({ maxUnavailable: '50%' }))), 'disruption/pdb-loosened')).toEqual([
      'PodDisruptionBudget shop/web: maxUnavailable 1 -> 50%: may be looser, depending on the replica count',
    ]);
    expect(flagged(review(tree(pdb({ minAvailable: 2 })), tree(pdb({ maxUnavailable: 1 }))), 'disruption/pdb-loosened')).toEqual([
      'PodDisruptionBudget shop/web: budget changed from minAvailable 2 to maxUnavailable 1: check it still protects enough pods',
    ]);
  });

  test('flags unhealthy pods evicted regardless of the budget', () => {
    const report = review(
      tree(pdb({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'IfHealthyBudget' })),
      tree(pdb({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' })),
    );
    expect(flagged(report, 'disruption/pdb-loosened')).toEqual([
      'PodDisruptionBudget shop/web: unhealthyPodEvictionPolicy AlwaysAllow: unhealthy pods are evicted even when the budget is exhausted',
    ]);
  });

  test('flags a rollout that takes more pods down at once, or all of them', () => {
    const raised = edit(before, 'prod', 'Deployment shop/web', (d) => (d.spec.strategy.rollingUpdate.maxUnavailable = 1));
    expect(flagged(review(before, raised), 'disruption/max-unavailable')).toEqual([
      'Deployment shop/web: rollout maxUnavailable raised 0 -> 1: more pods down at once during a rollout',
    ]);
    const recreate = edit(before, 'prod', 'Deployment shop/web', (d) => (d.spec.strategy = { type: 'Recreate' }));
    expect(flagged(review(before, recreate), 'disruption/recreate')).toHaveLength(1);
    expect(review(raised, before).risks.filter((r) => r.family === 'disruption')).toEqual([]);
  });

  test("reads an unset maxUnavailable as the API's default", () => {
    const sts = (strategy?: object) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        ...(strategy ? { updateStrategy: strategy } : {}),
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:1' }] } },
      },
    });
    expect(flagged(review(tree(sts()), tree(sts({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } }))), 'disruption/max-unavailable')).toEqual([
      'StatefulSet shop/db: rollout maxUnavailable raised 1 -> 2: more pods down at once during a rollout',
    ]);
  });
});

test.each([
  [1, 2, 'raised'],
  ['25%', '10%', 'lowered'],
  ['1', 1, 'same'],
  [1, '25%', 'incomparable'],
] as const)('compares %p with %p: %s', (a, b, result) => {
  expect(compareIntOrPercent(a, b)).toBe(result);
});
