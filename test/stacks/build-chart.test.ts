import { buildChart } from '../../lib/stacks/build-chart';
import { ScheduledTask } from '../../lib/stacks/scheduled-task';
import { WebService } from '../../lib/stacks/web-service';
import { Worker } from '../../lib/stacks/worker';
import { resolve, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { resolvedWebService, resolvedWorker } from '../fixtures/resolved-app';

describe('buildChart', () => {
  test.each([
    ['web-service', () => webDef(), WebService],
    ['worker', () => workerDef(), Worker],
    ['scheduled-task', () => taskDef(), ScheduledTask],
  ])('builds the stack of a %s', (_kind, def, stackClass) => {
    expect(buildChart(resolve(def())).stack).toBeInstanceOf(stackClass);
  });

  test("names the chart after the environment and the app, in the app's namespace", () => {
    const { chart, stack } = buildChart(resolvedWebService({}, testEnvironment({ name: 'staging', namespacePattern: '{team}-{env}' })));
    expect(chart.node.id).toBe('staging-checkout');
    expect(chart.namespace).toBe('shop-staging');
    expect(stack.node.id).toBe('checkout');
  });

  test('builds each app in its own cdk8s App', () => {
    const a = buildChart(resolvedWebService());
    const b = buildChart(resolvedWorker());
    expect(a.chart.node.root).not.toBe(b.chart.node.root);
  });
});
