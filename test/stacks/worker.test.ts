import { ApiObject } from 'cdk8s';
import { Replicas } from '../../lib/model/replicas';
import { Manifest } from '../../lib/manifest/manifest';
import { buildChart } from '../../lib/stacks/build-chart';
import { Worker } from '../../lib/stacks/worker';
import { find, kinds, synthApp, workerDef } from '../helpers';
import { cdk8sTraces, standardLabels } from './stack-checks';
import { resolvedWorker } from '../fixtures/resolved-app';

const SELECTOR = { 'app.kubernetes.io/name': 'mailer', 'app.kubernetes.io/instance': 'mailer' };

describe('Worker: objects', () => {
  test('creates a ServiceAccount, NetworkPolicy, Deployment and PDB, and no Service', () => {
    expect(kinds(synthApp(workerDef()))).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'ServiceAccount']);
  });

  test('adds an HPA when autoscaled and a ConfigMap when configured, still no Service', () => {
    expect(kinds(synthApp(workerDef({ replicas: Replicas.autoscale({ min: 1, max: 5 }), config: { QUEUE: 'mail' } })))).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'ServiceAccount',
    ]);
  });

  test('has no Service even with health and metrics ports', () => {
    expect(kinds(synthApp(workerDef({ healthPort: 8081, metricsPort: 9100 })))).not.toContain('Service');
  });

  test('names every object after the app', () => {
    const manifests = synthApp(workerDef({ replicas: Replicas.autoscale({ min: 1, max: 5 }), config: { QUEUE: 'mail' } }));
    expect(manifests.map((m) => m.metadata.name)).toEqual(manifests.map(() => 'mailer'));
  });

  test('leaves no cdk8s.io label or annotation anywhere', () => {
    expect(cdk8sTraces(synthApp(workerDef({ replicas: Replicas.autoscale({ min: 1, max: 5 }), config: { QUEUE: 'mail' } })))).toEqual([]);
  });

  test("labels every object with the standard labels, component 'worker'", () => {
    for (const m of synthApp(workerDef())) expect(m.metadata.labels).toEqual(standardLabels('mailer', 'worker', '1.0.0'));
  });

  test('selects pods by name and instance only', () => {
    const manifests = synthApp(workerDef());
    expect(find(manifests, 'Deployment', 'mailer').spec.selector.matchLabels).toEqual(SELECTOR);
    expect(find(manifests, 'PodDisruptionBudget', 'mailer').spec.selector.matchLabels).toEqual(SELECTOR);
    expect(find(manifests, 'NetworkPolicy', 'mailer').spec.podSelector.matchLabels).toEqual(SELECTOR);
  });
});

describe('Worker: fields', () => {
  test('sets replicas when fixed and leaves them to the HPA when autoscaled', () => {
    expect(find(synthApp(workerDef({ replicas: Replicas.fixed(2) })), 'Deployment', 'mailer').spec.replicas).toBe(2);
    const autoscaled = synthApp(workerDef({ replicas: Replicas.autoscale({ min: 1, max: 5 }) }));
    expect(find(autoscaled, 'Deployment', 'mailer').spec).not.toHaveProperty('replicas');
    expect(find(autoscaled, 'HorizontalPodAutoscaler', 'mailer').spec).toMatchObject({ minReplicas: 1, maxReplicas: 5 });
  });

  test('always allows one eviction (PDB maxUnavailable 1)', () => {
    expect(find(synthApp(workerDef()), 'PodDisruptionBudget', 'mailer').spec.maxUnavailable).toBe(1);
  });

  test('has no preStop hook', () => {
    const container = find(synthApp(workerDef()), 'Deployment', 'mailer').spec.template.spec.containers.find((c: { name: string }) => c.name === 'mailer');
    expect(container).not.toHaveProperty('lifecycle');
  });
});

describe('Worker: public fields', () => {
  const built = buildChart(resolvedWorker({ replicas: Replicas.autoscale({ min: 1, max: 5 }) }));
  const stack = built.stack as Worker;
  const manifests = built.chart.toJson() as Manifest[];

  test('is the Worker stack, without a service field', () => {
    expect(stack).toBeInstanceOf(Worker);
    expect(stack).not.toHaveProperty('service');
  });

  test.each<[keyof Worker, string]>([
    ['deployment', 'Deployment'],
    ['autoscaler', 'HorizontalPodAutoscaler'],
    ['disruptionBudget', 'PodDisruptionBudget'],
    ['serviceAccount', 'ServiceAccount'],
    ['networkPolicy', 'NetworkPolicy'],
  ])('exposes the synthesized %s', (field, kind) => {
    const object = stack[field] as ApiObject;
    expect(object.kind).toBe(kind);
    expect(object.toJson()).toEqual(find(manifests, kind, 'mailer'));
  });
});
