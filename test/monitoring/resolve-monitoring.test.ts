import { checkEnvironmentMonitoring } from '../../lib/environments/check-environment-monitoring';
import { dashboardUid } from '../../lib/environments/resolve-monitoring';
import { Problems } from '../../lib/internal/errors';
import { PLATFORM_DEFAULTS } from '../../lib/environments/platform-defaults';
import { expectOnlyProblem, expectProblem } from '../environments/expect-problem';
import { ValidationError } from '../../lib/internal/errors';
import { expectError, resolve, testEnvironment, webDef, workerDef } from '../helpers';
import { resolvedScheduledTask, resolvedWebService, resolvedWorker } from '../fixtures/resolved-app';

const SLO = { availability: 99.9, latency: { threshold: '300ms', objective: 99 } };
const web = (overrides: Record<string, unknown> = {}) => webDef({ metricsPort: 9090, ...overrides } as never);
const worker = (overrides: Record<string, unknown> = {}) => workerDef({ metricsPort: 9090, ...overrides } as never);

describe('resolving monitoring', () => {
  test('an app without a metrics port has no monitoring', () => {
    expect(resolvedWebService().monitoring).toBeUndefined();
    expect(resolvedWorker().monitoring).toBeUndefined();
    expect(resolvedScheduledTask().monitoring).toBeUndefined();
  });

  test('a web service is scraped by a ServiceMonitor on its pods, at the platform interval and path', () => {
    const m = resolve(web()).monitoring!;
    expect(m.scrape).toEqual({ kind: 'ServiceMonitor', port: 'metrics', path: '/metrics', interval: '30s', throughService: false });
    expect(m.selector).toEqual({ job: 'checkout', namespace: 'shop' });
  });

  test('a worker is scraped by a PodMonitor; metricsPath changes the path', () => {
    const m = resolve(worker({ metricsPath: '/internal/metrics' })).monitoring!;
    expect(m.scrape.kind).toBe('PodMonitor');
    expect(m.scrape.path).toBe('/internal/metrics');
    expect(resolve(worker({ metricsPath: '/internal/metrics' })).provenance.metricsPath).toBe('app');
  });

  test('web services follow the metric convention of their protocol', () => {
    expect(resolve(web()).monitoring!.metrics).toEqual({ requests: 'http_requests_total', codeLabel: 'code', errorCodes: '5..', latencyHistogram: 'http_request_duration_seconds' });
    expect(resolve(web({ protocol: 'grpc', port: 50051 })).monitoring!.metrics).toEqual({
      requests: 'grpc_server_handled_total',
      codeLabel: 'grpc_code',
      errorCodes: 'Unknown|Internal|DataLoss|Unimplemented|Unavailable|DeadlineExceeded',
      latencyHistogram: 'grpc_server_handling_seconds',
    });
  });

  test('an app overrides single metric names and keeps the rest of its convention', () => {
    const app = resolve(web({ slo: { ...SLO, metrics: { codeLabel: 'status', selector: { handler: '/api' } } } }));
    expect(app.monitoring!.metrics).toMatchObject({ requests: 'http_requests_total', codeLabel: 'status' });
    expect(app.monitoring!.selector).toEqual({ job: 'checkout', namespace: 'shop', handler: '/api' });
    expect(app.provenance['slo.metrics.codeLabel']).toBe('app');
    expect(app.provenance['slo.metrics.requests']).toBe('platform');
  });

  test('a worker without an SLO follows no convention, so it has no request metrics', () => {
    expect(resolve(worker()).monitoring!.metrics).toBeUndefined();
  });

  test('objectives become exact ratios: 99.9 is a budget of 0.001, not 0.0010000000000000009', () => {
    const [availability, latency] = resolve(web({ slo: SLO })).monitoring!.slos;
    expect(availability).toEqual({ name: 'checkout-availability', sli: 'availability', objectivePercent: 99.9, objective: 0.999, errorBudget: 0.001 });
    expect(latency).toEqual({
      name: 'checkout-latency',
      sli: 'latency',
      objectivePercent: 99,
      objective: 0.99,
      errorBudget: 0.01,
      latency: { threshold: '300ms', seconds: '0.3', leRegex: '0\\.30*' },
    });
    expect(resolve(web({ slo: { availability: 99.95 } })).monitoring!.slos[0].errorBudget).toBe(0.0005);
  });

  test.each([
    ['300ms', '0.3', '0\\.30*'],
    ['1s', '1', '1(\\.0*)?'],
    ['1.5s', '1.5', '1\\.50*'],
    ['2500ms', '2.5', '2\\.50*'],
    ['25ms', '0.025', '0\\.0250*'],
    ['1m', '60', '60(\\.0*)?'],
  ])('threshold %s is %s seconds, matched by le=~"%s"', (threshold, seconds, leRegex) => {
    const slo = resolve(web({ slo: { latency: { threshold, objective: 99 } } })).monitoring!.slos[0];
    expect(slo.latency).toEqual({ threshold, seconds, leRegex });
    const re = new RegExp(`^(?:${leRegex})$`);
    expect([seconds, `${seconds}${seconds.includes('.') ? '0' : '.0'}`].map((s) => re.test(s))).toEqual([true, true]);
    expect(re.test(`${seconds}5`)).toBe(false);
  });

  test('the platform labels, URLs and dashboard settings apply unless the environment sets them', () => {
    const m = resolve(web({ slo: SLO })).monitoring!;
    expect(m.ruleLabels).toEqual({ release: 'kube-prometheus-stack' });
    expect(m.monitorLabels).toEqual({ release: 'kube-prometheus-stack' });
    expect(m.runbooks).toEqual({
      ScrapeTargetMissing: 'https://runbooks.test.example/golden-path/scrape-target-missing',
      SLOErrorBudgetBurn: 'https://runbooks.test.example/golden-path/slo-error-budget-burn',
      SLOLatencyBucketMissing: 'https://runbooks.test.example/golden-path/slo-latency-bucket-missing',
    });
    expect(m.dashboard).toEqual({
      uid: 'shop_checkout',
      title: 'checkout (shop)',
      url: 'https://grafana.test.example/d/shop_checkout',
      configMapName: 'checkout-dashboard',
      fileName: 'shop_checkout.json',
      labels: { grafana_dashboard: '1' },
      annotations: { grafana_folder: 'shop' },
      tags: ['golden-path', 'shop', 'web-service'],
    });
  });

  test('the environment sets the rule-selector label, scrape interval, URLs and dashboard folder', () => {
    const env = testEnvironment({
      monitoring: {
        ruleLabels: { prometheus: 'main', role: 'alert-rules' },
        monitorLabels: { prometheus: 'main' },
        scrapeInterval: '15s',
        grafanaUrl: 'https://grafana.{env}.ops.example/',
        runbookUrl: 'https://wiki.example/runbooks/{alert}',
        dashboardLabels: { dashboards: 'golden-path' },
        dashboardFolderAnnotation: 'k8s-sidecar-target-directory',
        dashboardFolder: 'teams/{team}',
      },
    });
    const app = resolve(web({ slo: SLO }), env);
    const m = app.monitoring!;
    expect(m.ruleLabels).toEqual({ prometheus: 'main', role: 'alert-rules' });
    expect(m.monitorLabels).toEqual({ prometheus: 'main' });
    expect(m.scrape.interval).toBe('15s');
    expect(m.dashboard.url).toBe('https://grafana.prod.ops.example/d/shop_checkout');
    expect(m.runbooks.SLOErrorBudgetBurn).toBe('https://wiki.example/runbooks/slo-error-budget-burn');
    expect(m.dashboard.labels).toEqual({ dashboards: 'golden-path' });
    expect(m.dashboard.annotations).toEqual({ 'k8s-sidecar-target-directory': 'teams/shop' });
    expect(app.provenance['monitoring.ruleLabels']).toBe('environment');
    expect(app.provenance['monitoring.scrapeInterval']).toBe('environment');
  });

  test("an app's runbook replaces the platform's for its SLO alerts only", () => {
    const m = resolve(web({ slo: { ...SLO, runbookUrl: 'https://wiki.example/checkout' } })).monitoring!;
    expect(m.runbooks.SLOErrorBudgetBurn).toBe('https://wiki.example/checkout');
    expect(m.runbooks.SLOLatencyBucketMissing).toBe('https://wiki.example/checkout');
    expect(m.runbooks.ScrapeTargetMissing).toBe('https://runbooks.test.example/golden-path/scrape-target-missing');
  });

  test('the burn-rate alerts are the multi-window table of the SRE workbook', () => {
    expect(resolve(web({ slo: SLO })).monitoring!.burnRateAlerts).toEqual([
      { severity: 'critical', longWindow: '1h', shortWindow: '5m', factor: 14.4, for: '2m' },
      { severity: 'critical', longWindow: '6h', shortWindow: '30m', factor: 6, for: '15m' },
      { severity: 'warning', longWindow: '1d', shortWindow: '2h', factor: 3, for: '1h' },
      { severity: 'warning', longWindow: '3d', shortWindow: '6h', factor: 1, for: '3h' },
    ]);
  });

  test('the missing-target alert is critical with SLOs (they are blind without metrics), a warning without', () => {
    expect(resolve(web({ slo: SLO })).monitoring!.targetMissing).toEqual({ severity: 'critical', for: '5m' });
    expect(resolve(web()).monitoring!.targetMissing).toEqual({ severity: 'warning', for: '5m' });
  });

  test('a dashboard UID past 40 characters keeps a readable prefix and a hash', () => {
    const uid = dashboardUid('a-very-long-team-namespace-name', 'an-equally-long-application-name');
    expect(uid).toHaveLength(40);
    expect(uid).toMatch(/^a-very-long-team-namesp-[0-9a-f]{16}$/);
    expect(dashboardUid('a-very-long-team-namespace-name', 'an-equally-long-application-nam3')).not.toBe(uid);
  });
});

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
    expectOnlyProblem(() => resolve(web({ slo: { availability: 93.05 } })), { code: 'E_SLO_BURN_RATE', field: 'slo.availability', value: 93.05, fix: /93\.06/ });
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
    expectOnlyProblem(() => resolvedWebService({ slo: SLO } as never), {
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
    expectOnlyProblem(() => resolve(web({ slo: { ...SLO, metrics: { [key]: value } } })), { code: 'E_SLO_METRICS', field: `slo.metrics.${key}`, value, fix: /e\.g\./ });
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
    expectOnlyProblem(() => resolvedWebService({ metricsOnService: true } as never), { code: 'E_METRICS_ON_SERVICE', field: 'metricsOnService', value: true, fix: /metricsPort/ });
  });

  test('a bad environment setting names the environment file', () => {
    expectOnlyProblem(() => resolve(web(), testEnvironment({ monitoring: { scrapeInterval: '30 seconds' } })), {
      code: 'E_MONITORING_SETTING',
      field: 'monitoring.scrapeInterval',
      value: '30 seconds',
      fix: 'fix environments.prod.monitoring.scrapeInterval in apps/environments.ts',
    });
    expectOnlyProblem(() => resolve(web(), testEnvironment({ monitoring: { ruleLabels: { release: 'not a label value' } } })), {
      code: 'E_MONITORING_SETTING',
      field: 'monitoring.ruleLabels.release',
      value: 'not a label value',
      fix: /apps\/environments\.ts/,
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

describe('checkEnvironmentMonitoring', () => {
  test('reports each bad setting once, against apps/environments.ts', () => {
    const problems = new Problems();
    const env = testEnvironment({
      name: 'staging',
      monitoring: { scrapeInterval: 'often', grafanaUrl: 'grafana.{domain}', ruleLabels: { 'bad key!': 'x', release: 'ok' }, dashboardFolder: '{team}' },
    });
    checkEnvironmentMonitoring(env, problems);
    expect(problems.all.map((p) => [p.source, p.environment, p.code, p.field, p.value])).toEqual([
      ['apps/environments.ts', 'staging', 'E_MONITORING_SETTING', 'monitoring.grafanaUrl', 'grafana.{domain}'],
      ['apps/environments.ts', 'staging', 'E_MONITORING_SETTING', 'monitoring.ruleLabels.bad key!', 'x'],
      ['apps/environments.ts', 'staging', 'E_MONITORING_SETTING', 'monitoring.scrapeInterval', 'often'],
    ]);
    expect(problems.all[2].fix).toBe('fix environments.staging.monitoring.scrapeInterval in apps/environments.ts');
  });

  test('the platform defaults and an environment without monitoring settings pass', () => {
    const problems = new Problems();
    checkEnvironmentMonitoring(testEnvironment(), problems);
    // The defaults are the input here, not the expectation: whatever they are, the check must accept them.
    checkEnvironmentMonitoring(testEnvironment({ monitoring: { ...PLATFORM_DEFAULTS.monitoring } }), problems);
    expect(problems.all).toEqual([]);
  });
});

describe('per-environment SLO override', () => {
  const tighterInProd = web({ slo: { ...SLO, runbookUrl: 'https://wiki.acme.dev/checkout' }, environments: { prod: { slo: { availability: 99.95 } } } });

  test("replaces each objective it sets in that environment only, keeping the app's other objectives, metrics and runbook", () => {
    const prod = resolve(tighterInProd, testEnvironment({ name: 'prod' }));
    expect(prod.monitoring!.slos.map((s) => [s.sli, s.objectivePercent])).toEqual([['availability', 99.95], ['latency', 99]]);
    expect([prod.provenance['slo.availability'], prod.provenance['slo.latency']]).toEqual(['override', 'app']);
    expect(prod.monitoring!.runbooks.SLOErrorBudgetBurn).toBe('https://wiki.acme.dev/checkout');
    const dev = resolve(tighterInProd, testEnvironment({ name: 'dev' }));
    expect(dev.monitoring!.slos.map((s) => [s.sli, s.objectivePercent])).toEqual([['availability', 99.9], ['latency', 99]]);
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
