import { dashboardUid } from '../../lib/environments/resolve-monitoring';
import { resolve, testEnvironment, webDef, workerDef } from '../helpers';
import { resolvedScheduledTask, resolvedWebService, resolvedWorker } from '../fixtures/resolved-app';

const SLO = { availability: 99.9, latency: { threshold: '300ms', objective: 99 } };
const web = (overrides: Record<string, unknown> = {}) => webDef({ metricsPort: 9090, ...overrides });
const worker = (overrides: Record<string, unknown> = {}) => workerDef({ metricsPort: 9090, ...overrides });

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
    expect(resolve(web()).monitoring!.metrics).toEqual({
      requests: 'http_requests_total',
      codeLabel: 'code',
      errorCodes: '5..',
      latencyHistogram: 'http_request_duration_seconds',
    });
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
