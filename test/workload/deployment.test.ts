import { Replicas } from '../../lib/model/replicas';
import { find, synthApp, testEnvironment, webDef, workerDef } from '../helpers';

const SELECTOR = { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' };

describe('the Deployment', () => {
  test('sets replicas when they are fixed', () => {
    expect(find(synthApp(webDef({ replicas: Replicas.fixed(3) })), 'Deployment', 'checkout').spec.replicas).toBe(3);
  });

  test('leaves replicas to the autoscaler when autoscaled', () => {
    expect(find(synthApp(webDef({ replicas: Replicas.autoscale({ min: 2, max: 10 }) })), 'Deployment', 'checkout').spec).not.toHaveProperty('replicas');
  });

  test('follows the replicas of the environment', () => {
    const def = webDef({ replicas: Replicas.fixed(1), environments: { prod: { replicas: Replicas.fixed(4) } } });
    expect(find(synthApp(def), 'Deployment', 'checkout').spec.replicas).toBe(4);
    expect(find(synthApp(def, testEnvironment({ name: 'dev' })), 'Deployment', 'checkout').spec.replicas).toBe(1);
  });

  test('selects its pods by name and instance only', () => {
    const spec = find(synthApp(webDef()), 'Deployment', 'checkout').spec;
    expect(spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(spec.template.metadata.labels).toMatchObject(SELECTOR);
  });

  test('never drops a web service below its desired count during a rollout', () => {
    expect(find(synthApp(webDef()), 'Deployment', 'checkout').spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
    });
  });

  test('rolls a worker a quarter at a time', () => {
    expect(find(synthApp(workerDef()), 'Deployment', 'mailer').spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
  });

  test('keeps 5 old ReplicaSets', () => {
    expect(find(synthApp(webDef()), 'Deployment', 'checkout').spec.revisionHistoryLimit).toBe(5);
  });
});
