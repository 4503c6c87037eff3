import { expectOnlyProblem, expectProblem } from '../environments/expect-problem';
import { ValidationError } from '../../lib/internal/errors';
import { expectError, resolve, testEnvironment, webDef, workerDef } from '../helpers';
import { resolvedScheduledTask, resolvedWebService } from '../fixtures/resolved-app';

const SLO = { availability: 99.9, latency: { threshold: '300ms', objective: 99 } };
const web = (overrides: Record<string, unknown> = {}) => webDef({ metricsPort: 9090, ...overrides });
const worker = (overrides: Record<string, unknown> = {}) => workerDef({ metricsPort: 9090, ...overrides });

describe('bad SLOs are rejected with clear errors', () => {
  test.each([100, 100.5])('an objective of %s leaves no error budget', (availability) => {
    expectOnlyProblem(() => resolve(web({ slo: { availability } })), {
      code: 'E_SLO_OBJECTIVE',
      field: 'slo.availability',
      value: availability,
      message: /must be below 100/,
      fix: /99\.9/,
    });
  });

  test('a latency objective of 100 is rejected at its own field', () => {
    expectOnlyProblem(() => resolve(web({ slo: { latency: { threshold: '300ms', objective: 100 } } })), {
      code: 'E_SLO_OBJECTIVE',
      field: 'slo.latency.objective',
      value: 100,
      fix: /99\.9/,
    });
  });

  test('an objective whose budget times a burn factor reaches 1 could never alert', () => {
    const problem = expectOnlyProblem(() => resolve(web({ slo: { availability: 90 } })), {
      code: 'E_SLO_BURN_RATE',
      field: 'slo.availability',
      value: 90,
      message: "leaves an error budget of 10%, and the 1h/5m alert's 14.4x burn rate would need 144% of requests to fail, so it could never fire",
      fix: 'use an objective of at least 93.06',
    });
    expect(problem.app).toBe('checkout');
  });

  test('the boundary: 14.4 x budget just under 1 is accepted, at 1 it is not', () => {
    expect(resolve(web({ slo: { availability: 93.06 } })).monitoring!.slos[0].errorBudget).toBe(0.0694);
    expectOnlyProblem(() => resolve(web({ slo: { availability: 93.05 } })), {
      code: 'E_SLO_BURN_RATE',
      field: 'slo.availability',
      value: 93.05,
      fix: /93\.06/,
    });
  });

  test.each([0, -1, Number.NaN, '99.9'])('an objective of %p is not a percentage', (availability) => {
    expectOnlyProblem(() => resolve(web({ slo: { availability } })), {
      code: 'E_SLO_OBJECTIVE',
      field: 'slo.availability',
      value: availability,
      fix: /percent/,
    });
  });

  test.each(['300xs', '300', 'ms', '-1s', '0ms', '0.5ms', '2h', 300])('a latency threshold of %p is rejected', (threshold) => {
    expectOnlyProblem(() => resolve(web({ slo: { latency: { threshold, objective: 99 } } })), {
      code: 'E_SLO_THRESHOLD',
      field: 'slo.latency.threshold',
      value: threshold,
      fix: /ms/,
    });
  });

  test('an SLO without a metrics port', () => {
    expectOnlyProblem(() => resolvedWebService({ slo: SLO }), {
      code: 'E_SLO_METRICS_PORT',
      field: 'slo',
      value: null,
      message: 'needs metrics, but the app declares no metricsPort',
      fix: 'metricsPort: 9090',
    });
  });

  test('an SLO with no objective', () => {
    expectOnlyProblem(() => resolve(web({ slo: {} })), { code: 'E_SLO_EMPTY', field: 'slo', value: {}, fix: /availability: 99\.9/ });
  });

  test('a worker SLO must name its metrics, as it follows no convention', () => {
    expectProblem(() => resolve(worker({ slo: { availability: 99.9 } }), testEnvironment()), {
      code: 'E_SLO_METRICS',
      field: 'slo.metrics.requests',
      value: null,
      message: 'is required when the app follows no metric convention',
      fix: /jobs_processed_total/,
      app: 'mailer',
    });
  });

  test('a worker naming its metrics resolves; a latency SLO also needs its histogram', () => {
    const metrics = { requests: 'mails_sent_total', codeLabel: 'outcome', errorCodes: 'failed' };
    expect(resolve(worker({ slo: { availability: 99, metrics } })).monitoring!.metrics).toEqual(metrics);
    expectOnlyProblem(() => resolve(worker({ slo: { latency: { threshold: '1s', objective: 99 }, metrics } })), {
      code: 'E_SLO_METRICS',
      field: 'slo.metrics.latencyHistogram',
      value: null,
      fix: /_bucket/,
      app: 'mailer',
    });
  });

  test.each([
    ['requests', 'http-requests'],
    ['latencyHistogram', 'http_request_duration_seconds_bucket'],
    ['codeLabel', '__code'],
    ['errorCodes', '5(('],
  ])('a bad metric setting %s: %p', (key, value) => {
    expectOnlyProblem(() => resolve(web({ slo: { ...SLO, metrics: { [key]: value } } })), {
      code: 'E_SLO_METRICS',
      field: `slo.metrics.${key}`,
      value,
      fix: /e\.g\./,
    });
  });

  test("an SLO selector may not change the platform's job or namespace", () => {
    expectOnlyProblem(() => resolve(web({ slo: { ...SLO, metrics: { selector: { job: 'other' } } } })), {
      code: 'E_SLO_SELECTOR',
      field: 'slo.metrics.selector.job',
      value: 'job',
      fix: /grpc_type/,
    });
  });

  test('metricsOnService without a metrics port', () => {
    expectOnlyProblem(() => resolvedWebService({ metricsOnService: true }), {
      code: 'E_METRICS_ON_SERVICE',
      field: 'metricsOnService',
      value: true,
      fix: /metricsPort/,
    });
  });

  test('a bad environment setting names the environment file', () => {
    expectOnlyProblem(() => resolve(web(), testEnvironment({ monitoring: { scrapeInterval: '30 seconds' } })), {
      code: 'E_MONITORING_SETTING',
      field: 'monitoring.scrapeInterval',
      value: '30 seconds',
      fix: 'fix environments.prod.monitoring.scrapeInterval in apps/environments.ts',
      app: null,
    });
    expectOnlyProblem(() => resolve(web(), testEnvironment({ monitoring: { ruleLabels: { release: 'not a label value' } } })), {
      code: 'E_MONITORING_SETTING',
      field: 'monitoring.ruleLabels.release',
      value: 'not a label value',
      fix: /apps\/environments\.ts/,
      app: null,
    });
  });

  test('every problem is reported at once', () => {
    try {
      resolve(web({ slo: { availability: 100, latency: { threshold: '300xs', objective: 99 } } }));
      throw new Error('expected an error');
    } catch (error) {
      expect((error as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['E_SLO_OBJECTIVE', 'E_SLO_THRESHOLD']);
    }
  });
});

describe('per-environment SLO override', () => {
  const tighterInProd = web({ slo: { ...SLO, runbookUrl: 'https://wiki.acme.dev/checkout' }, environments: { prod: { slo: { availability: 99.95 } } } });

  test("replaces each objective it sets in that environment only, keeping the app's other objectives, metrics and runbook", () => {
    const prod = resolve(tighterInProd, testEnvironment({ name: 'prod' }));
    expect(prod.monitoring!.slos.map((s) => [s.sli, s.objectivePercent])).toEqual([
      ['availability', 99.95],
      ['latency', 99],
    ]);
    expect([prod.provenance['slo.availability'], prod.provenance['slo.latency']]).toEqual(['override', 'app']);
    expect(prod.monitoring!.runbooks.SLOErrorBudgetBurn).toBe('https://wiki.acme.dev/checkout');
    const dev = resolve(tighterInProd, testEnvironment({ name: 'dev' }));
    expect(dev.monitoring!.slos.map((s) => [s.sli, s.objectivePercent])).toEqual([
      ['availability', 99.9],
      ['latency', 99],
    ]);
    expect(dev.provenance['slo.availability']).toBe('app');
  });

  test("keeps a worker's own metric names where prod tightens its objective", () => {
    const metrics = { requests: 'jobs_total', codeLabel: 'outcome', errorCodes: 'failed' };
    const def = worker({ slo: { availability: 99, metrics }, environments: { prod: { slo: { availability: 99.5 } } } });
    const prod = resolve(def, testEnvironment({ name: 'prod' })).monitoring!;
    expect(prod.metrics).toEqual(metrics);
    expect(prod.slos.map((s) => s.objectivePercent)).toEqual([99.5]);
  });

  test('gives an app SLOs in one environment only', () => {
    const def = web({ environments: { prod: { slo: { availability: 99.9 } } } });
    expect(resolve(def, testEnvironment({ name: 'prod' })).monitoring!.slos).toHaveLength(1);
    expect(resolve(def, testEnvironment({ name: 'dev' })).monitoring!.slos).toEqual([]);
  });

  test('names the override field when its objective is wrong', () => {
    expectOnlyProblem(() => resolve(web({ environments: { prod: { slo: { availability: 100 } } } })), {
      code: 'E_SLO_OBJECTIVE',
      field: 'environments.prod.slo.availability',
      value: 100,
      message: /must be below 100/,
      fix: /99\.9/,
    });
    expectOnlyProblem(() => resolve(web({ environments: { prod: { slo: { latency: { threshold: 'fast', objective: 99 } } } } })), {
      code: 'E_SLO_THRESHOLD',
      field: 'environments.prod.slo.latency.threshold',
      value: 'fast',
      fix: "e.g. '300ms'",
    });
  });

  test('refuses what cannot differ per environment: metrics and runbook belong to the app', () => {
    expectOnlyProblem(() => resolve(web({ slo: SLO, environments: { prod: { slo: { availability: 99.95, runbookUrl: 'https://x.dev' } as never } } })), {
      code: 'E_SLO_OVERRIDE',
      field: 'environments.prod.slo.runbookUrl',
      value: 'runbookUrl',
      message: /only the objectives/,
      fix: "set runbookUrl in the app's slo",
    });
  });

  test("still checks the app's own objective where an override replaces it, once", () => {
    const problem = expectOnlyProblem(() => resolve(web({ slo: { availability: 100 }, environments: { prod: { slo: { availability: 99.9 } } } })), {
      code: 'E_SLO_OBJECTIVE',
      field: 'slo.availability',
      value: 100,
      fix: /99\.9/,
    });
    expect(problem.environment).toBe('prod');
  });

  test('reports a protocol problem once, not again against the SLO of the override', () => {
    const error = expectError<ValidationError>(() => resolve(web({ protocol: 'tcp', slo: SLO, environments: { prod: { slo: { availability: 99.95 } } } })));
    const keys = error.problems.map((p) => `${p.code} ${p.field}`);
    expect(keys.filter((k) => k.startsWith('E_SLO_METRICS'))).toHaveLength(new Set(keys.filter((k) => k.startsWith('E_SLO_METRICS'))).size);
    expect(keys.some((k) => k.includes('environments.prod.slo.metrics'))).toBe(false);
  });

  test('needs a metrics port, and is refused on a scheduled task', () => {
    expectOnlyProblem(() => resolvedWebService({ environments: { prod: { slo: { availability: 99.9 } } } }), {
      code: 'E_SLO_METRICS_PORT',
      field: 'environments.prod.slo',
      value: null,
      fix: 'set metricsPort',
    });
    expectOnlyProblem(() => resolvedScheduledTask({ environments: { prod: { slo: { availability: 99.9 } } } }), {
      app: 'report',
      code: 'E_SLO_TASK',
      field: 'environments.prod.slo',
      value: null,
      fix: 'remove slo from the override',
    });
  });
});
