import { Dependency } from '../../lib/model/dependency';
import { Manifest } from '../../lib/manifest/manifest';
import { Replicas } from '../../lib/model/replicas';
import { renderManifests } from '../../lib/output/render-yaml';
import { resolvedScheduledTask, resolvedStatefulService, resolvedWebService, resolvedWorker, synthResolved } from '../fixtures/resolved-app';
import { testEnvironment } from '../fixtures/definitions';
import { Untyped } from '../helpers';

/**
 * The reviewed output of one small app of each kind, as `platform synth` writes it: short enough
 * to read in a review. A changed snapshot is a changed product: say why in the commit. The
 * sample fleet's output is reviewed in dist/ itself (test/pipeline/sample-fleet-dist.e2e.test.ts).
 * Each snapshot comes with the assertions that say what it is for.
 */
const written = (source: string, manifests: readonly Manifest[]) => renderManifests(source, manifests);
const objects = (manifests: readonly Manifest[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();

test('a web service in prod: autoscaled, never losing a pod in a rollout, reachable on its one port', () => {
  const app = resolvedWebService({ replicas: Replicas.autoscale({ min: 2, max: 4 }) });
  const manifests = synthResolved(app);
  expect(objects(manifests)).toEqual([
    'Deployment/checkout',
    'HorizontalPodAutoscaler/checkout',
    'NetworkPolicy/checkout',
    'PodDisruptionBudget/checkout',
    'Service/checkout',
    'ServiceAccount/checkout',
  ]);
  const deployment = manifests.find((m) => m.kind === 'Deployment') as Untyped;
  expect(deployment.spec.strategy.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: 0 });
  expect(written(app.source, manifests)).toMatchSnapshot();
});

test('a worker in prod: no Service, a quarter of the pods replaced at a time', () => {
  const app = resolvedWorker({ replicas: Replicas.fixed(2) });
  const manifests = synthResolved(app);
  expect(objects(manifests)).toEqual(['Deployment/mailer', 'NetworkPolicy/mailer', 'PodDisruptionBudget/mailer', 'ServiceAccount/mailer']);
  const deployment = manifests.find((m) => m.kind === 'Deployment') as Untyped;
  expect([deployment.spec.replicas, deployment.spec.strategy.rollingUpdate]).toEqual([2, { maxSurge: '25%', maxUnavailable: '25%' }]);
  expect(written(app.source, manifests)).toMatchSnapshot();
});

test('a scheduled task in prod: one CronJob that never overlaps runs', () => {
  const app = resolvedScheduledTask();
  const manifests = synthResolved(app);
  expect(objects(manifests)).toEqual(['CronJob/report', 'NetworkPolicy/report', 'ServiceAccount/report']);
  const cronJob = manifests.find((m) => m.kind === 'CronJob') as Untyped;
  expect([cronJob.spec.schedule, cronJob.spec.concurrencyPolicy]).toEqual(['0 6 * * *', 'Forbid']);
  expect(written(app.source, manifests)).toMatchSnapshot();
});

test('a stateful service in prod: three pods with a claim each, stable names through the headless Service', () => {
  const app = resolvedStatefulService({ replicas: Replicas.fixed(3) });
  const manifests = synthResolved(app);
  expect(objects(manifests)).toEqual([
    'NetworkPolicy/search-index',
    'PodDisruptionBudget/search-index',
    'Service/search-index',
    'Service/search-index-headless',
    'ServiceAccount/search-index',
    'StatefulSet/search-index',
  ]);
  const sts = manifests.find((m) => m.kind === 'StatefulSet') as Untyped;
  expect([sts.spec.replicas, sts.spec.serviceName, sts.spec.volumeClaimTemplates[0].metadata.name]).toEqual([3, 'search-index-headless', 'data']);
  expect(written(app.source, manifests)).toMatchSnapshot();
});

test('a data store in dev: a one-pod Postgres StatefulSet with its own Service, budget, account and policy', () => {
  const dev = testEnvironment({ name: 'dev', profile: { dataStores: 'in-cluster' } });
  const app = resolvedWorker({ name: 'orders', dependsOn: [Dependency.postgres('orders-db')] }, dev);
  // The store's objects only: the worker around it is the snapshot above.
  const store = synthResolved(app).filter((m) => m.metadata.name === 'orders-orders-db');
  expect(objects(store)).toEqual([
    'NetworkPolicy/orders-orders-db',
    'PodDisruptionBudget/orders-orders-db',
    'Service/orders-orders-db',
    'ServiceAccount/orders-orders-db',
    'StatefulSet/orders-orders-db',
  ]);
  const sts = store.find((m) => m.kind === 'StatefulSet') as Untyped;
  expect([sts.spec.replicas, sts.spec.template.spec.containers[0].image]).toEqual([1, 'postgres:16.4-bookworm']);
  expect(written(app.source, store)).toMatchSnapshot();
});
