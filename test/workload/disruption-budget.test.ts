import { Replicas } from '../../lib/model/replicas';
import { find, kinds, synthApp, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

describe('the PodDisruptionBudget', () => {
  const pdb = find(synthApp(webDef()), 'PodDisruptionBudget', 'checkout');

  test('lets one pod be evicted at a time, so a drain is never blocked', () => {
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec).not.toHaveProperty('minAvailable');
  });

  test('allows an eviction even with a single replica', () => {
    const single = find(synthApp(webDef({ replicas: Replicas.fixed(1) })), 'PodDisruptionBudget', 'checkout');
    expect(single.spec.maxUnavailable).toBeGreaterThanOrEqual(1);
  });

  test('selects the pods by name and instance only', () => {
    expect(pdb.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' } });
  });

  test('always lets pods that never became ready be evicted', () => {
    expect(pdb.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
  });

  test("takes maxUnavailable from the environment's profile", () => {
    expect(find(synthApp(workerDef(), testEnvironment({ profile: { maxUnavailable: 2 } })), 'PodDisruptionBudget', 'mailer').spec.maxUnavailable).toBe(2);
  });

  test('is not created for a scheduled task', () => {
    expect(kinds(synthApp(taskDef()))).not.toContain('PodDisruptionBudget');
  });
});
