import { Replicas } from '../../lib/model/replicas';
import { resolve, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('resolveReplicas: defaults and precedence', () => {
  test("runs one replica of a web service by the platform's default", () => {
    const app = resolve(webDef());
    expect(app.replicas).toEqual({ kind: 'fixed', count: 1 });
    expect(app.provenance.replicas).toBe('platform');
  });

  test("runs one replica of a worker by the platform's default", () => {
    expect(resolve(workerDef()).replicas).toEqual({ kind: 'fixed', count: 1 });
  });

  test('has no replicas for a scheduled task', () => {
    expect(resolve(taskDef()).replicas).toBeUndefined();
  });

  test("takes the environment profile's web service replicas for a web service", () => {
    const env = testEnvironment({ profile: { webServiceReplicas: Replicas.autoscale({ min: 2, max: 10 }), workerReplicas: Replicas.fixed(3) } });
    const app = resolve(webDef(), env);
    expect(app.replicas).toEqual({
      kind: 'autoscale',
      min: 2,
      max: 10,
      cpuUtilization: 70,
      memoryUtilization: undefined,
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, percent: 100, periodSeconds: 30 },
        scaleDown: { stabilizationWindowSeconds: 300, percent: 50, periodSeconds: 60 },
      },
    });
    expect(app.provenance.replicas).toBe('environment');
  });

  test("takes the environment profile's worker replicas for a worker", () => {
    const env = testEnvironment({ profile: { webServiceReplicas: Replicas.autoscale({ min: 2, max: 10 }), workerReplicas: Replicas.fixed(3) } });
    expect(resolve(workerDef(), env).replicas).toEqual({ kind: 'fixed', count: 3 });
  });

  test("takes the app's over the environment profile's", () => {
    const env = testEnvironment({ profile: { webServiceReplicas: Replicas.autoscale({ min: 2, max: 10 }) } });
    const app = resolve(webDef({ replicas: Replicas.fixed(4) }), env);
    expect(app.replicas).toEqual({ kind: 'fixed', count: 4 });
    expect(app.provenance.replicas).toBe('app');
  });

  test("takes the override's over the app's", () => {
    const app = resolve(
      webDef({
        replicas: Replicas.fixed(4),
        environments: { prod: { replicas: Replicas.autoscale({ min: 3, max: 6, cpuUtilization: 60, memoryUtilization: 80 }) } },
      }),
    );
    expect(app.replicas).toEqual({
      kind: 'autoscale',
      min: 3,
      max: 6,
      cpuUtilization: 60,
      memoryUtilization: 80,
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, percent: 100, periodSeconds: 30 },
        scaleDown: { stabilizationWindowSeconds: 300, percent: 50, periodSeconds: 60 },
      },
    });
    expect(app.provenance.replicas).toBe('override');
  });

  test('aims autoscaling at 70% CPU by default', () => {
    const app = resolve(webDef({ replicas: Replicas.autoscale({ min: 2, max: 4 }) }));
    expect(app.replicas).toMatchObject({ kind: 'autoscale', cpuUtilization: 70 });
  });

  test('accepts min equal to max', () => {
    expect(resolve(webDef({ replicas: Replicas.autoscale({ min: 3, max: 3 }) })).replicas).toMatchObject({ min: 3, max: 3 });
  });
});

describe('resolveReplicas: bad input', () => {
  test('fails when the autoscaler minimum is above the maximum', () => {
    expectOnlyProblem(() => resolve(webDef({ replicas: Replicas.autoscale({ min: 5, max: 3 }) })), {
      code: 'E_REPLICAS',
      field: 'replicas.min',
      value: 5,
      message: 'must be <= replicas.max (3)',
      fix: 'lower min or raise max',
    });
  });

  test('fails when the autoscaler minimum is just one above the maximum', () => {
    expectOnlyProblem(() => resolve(webDef({ replicas: Replicas.autoscale({ min: 4, max: 3 }) })), {
      code: 'E_REPLICAS',
      field: 'replicas.min',
      value: 4,
      message: 'must be <= replicas.max (3)',
      fix: 'lower min or raise max',
    });
  });

  test('points at the override when the bad replicas are in one', () => {
    expectOnlyProblem(() => resolve(webDef({ environments: { prod: { replicas: Replicas.autoscale({ min: 5, max: 3 }) } } })), {
      code: 'E_REPLICAS',
      field: 'environments.prod.replicas.min',
      value: 5,
      message: 'must be <= replicas.max (3)',
      fix: 'lower min or raise max',
    });
  });

  test.each([0, -1, 1.5])('fails on %s fixed replicas', (count) => {
    expectOnlyProblem(() => resolve(webDef({ replicas: Replicas.fixed(count) })), {
      code: 'E_REPLICAS',
      field: 'replicas.count',
      value: count,
      message: 'must be a whole number of at least 1',
      fix: 'use Replicas.fixed(1) or more',
    });
  });

  test('fails when the autoscaler minimum is 0', () => {
    expectOnlyProblem(() => resolve(workerDef({ replicas: Replicas.autoscale({ min: 0, max: 3 }) })), {
      code: 'E_REPLICAS',
      field: 'replicas.min',
      value: 0,
      message: 'must be a whole number of at least 1',
      fix: 'set min and max to 1 or more',
      app: 'mailer',
    });
  });

  test('fails when the autoscaler maximum is negative', () => {
    expectOnlyProblem(() => resolve(webDef({ replicas: Replicas.autoscale({ min: 1, max: -2 }) })), {
      code: 'E_REPLICAS',
      field: 'replicas.max',
      value: -2,
      fix: 'set min and max to 1 or more',
    });
  });

  test.each([
    ['cpuUtilization', 0],
    ['cpuUtilization', 101],
    ['memoryUtilization', 55.5],
  ])('fails when %s is %s', (key, value) => {
    expectOnlyProblem(() => resolve(webDef({ replicas: Replicas.autoscale({ min: 1, max: 3, [key]: value }) })), {
      code: 'E_REPLICAS',
      field: `replicas.${key}`,
      value,
      message: 'must be a whole percentage from 1 to 100',
      fix: 'e.g. 70',
    });
  });

  test('fails on an unknown replicas kind', () => {
    expectProblem(() => resolve(webDef({ replicas: { kind: 'elastic' } as never })), {
      code: 'E_REPLICAS',
      field: 'replicas.kind',
      value: 'elastic',
      message: "must be 'fixed' or 'autoscale'",
      fix: 'Replicas.fixed() or Replicas.autoscale()',
    });
  });
});
