import { find, synthApp, testEnvironment, webDef, workerDef } from '../helpers';

interface Rule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

const SLO = { availability: 99.9, latency: { threshold: '300ms', objective: 99 } };
const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const web = (overrides: Record<string, unknown> = {}) => webDef({ metricsPort: 9090, ...overrides });

function groups(manifests: ReturnType<typeof synthApp>, name = 'checkout'): { name: string; rules: Rule[] }[] {
  return find(manifests, 'PrometheusRule', name).spec.groups;
}
function rulesOf(manifests: ReturnType<typeof synthApp>, name = 'checkout'): Rule[] {
  return groups(manifests, name).flatMap((g) => g.rules);
}
/** The one recording rule of `record` for SLO `slo`. */
function recorded(rules: Rule[], record: string, slo: string): Rule {
  const found = rules.filter((r) => r.record === record && r.labels?.slo === slo);
  if (found.length !== 1) throw new Error(`expected one rule recording ${record} for ${slo}, found ${found.length}`);
  return found[0];
}

describe('PrometheusRule', () => {
  const manifests = synthApp(web({ slo: SLO }));
  const rules = rulesOf(manifests);

  test('one per app, named after it, with the app labels and the rule-selector label', () => {
    const rule = find(manifests, 'PrometheusRule', 'checkout');
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.metadata.namespace).toBe('shop');
    expect(rule.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack', 'app.kubernetes.io/name': 'checkout', team: 'shop' });
  });

  test('the rule-selector label is the environment’s when it sets one', () => {
    const env = testEnvironment({ monitoring: { ruleLabels: { prometheus: 'main' } } });
    const labels = find(synthApp(web({ slo: SLO }), env), 'PrometheusRule', 'checkout').metadata.labels;
    expect([labels.prometheus, labels.release]).toEqual(['main', undefined]);
  });

  test('SLO rules are one group, so alerts read SLIs of the same evaluation; the scrape alert is another', () => {
    expect(groups(manifests).map((g) => g.name)).toEqual(['checkout-slo', 'checkout-scrape']);
    const slo = groups(manifests)[0].rules;
    slo.forEach((rule, i) => {
      for (const [, series] of rule.expr.matchAll(/(slo:[a-z_:0-9]+)\{/g)) {
        const at = slo.findIndex((r) => r.record === series && r.labels?.slo === rule.labels?.slo);
        expect([rule.record ?? rule.alert, series, at >= 0 && at < i]).toEqual([rule.record ?? rule.alert, series, true]);
      }
    });
  });

  test.each(['checkout-availability', 'checkout-latency'])('%s: an error ratio for every window, labelled for routing', (slo) => {
    for (const window of WINDOWS) {
      const rule = recorded(rules, `slo:sli_error:ratio_rate${window}`, slo);
      expect(rule.labels).toEqual({ namespace: 'shop', service: 'checkout', slo, team: 'shop' });
      expect(rule.expr).toContain(`[${window}]`);
      expect(rule.expr).not.toMatch(new RegExp(`\\[(?!${window}\\])`));
    }
  });

  test('availability: 5xx over all requests of the job, 0 without errors and without traffic', () => {
    const { expr } = recorded(rules, 'slo:sli_error:ratio_rate1h', 'checkout-availability');
    const total = 'sum(rate(http_requests_total{job="checkout",namespace="shop"}[1h]))';
    const errors = 'sum(rate(http_requests_total{job="checkout",namespace="shop",code=~"5.."}[1h]))';
    expect(expr).toBe(`((${errors} or (0 * ${total})) / (${total} > 0)) or (0 * ${total})`);
  });

  test('latency: requests over the threshold bucket, whichever way `le` is spelled', () => {
    const { expr } = recorded(rules, 'slo:sli_error:ratio_rate5m', 'checkout-latency');
    const total = 'sum(rate(http_request_duration_seconds_count{job="checkout",namespace="shop"}[5m]))';
    const fast = 'sum(rate(http_request_duration_seconds_bucket{job="checkout",namespace="shop",le=~"0\\\\.30*"}[5m]))';
    expect(expr).toBe(`((${total} - ${fast}) / (${total} > 0)) or (0 * ${fast})`);
  });

  test('the 30-day ratio is the sum of bad events over the sum of all events, never an average of ratios', () => {
    const { expr } = recorded(rules, 'slo:sli_error:ratio_rate30d', 'checkout-availability');
    expect(expr).toBe(
      '(sum_over_time(slo:sli_bad_events:rate5m{namespace="shop",slo="checkout-availability"}[30d]) / (sum_over_time(slo:sli_total_events:rate5m{namespace="shop",slo="checkout-availability"}[30d]) > 0)) or (0 * sum_over_time(slo:sli_bad_events:rate5m{namespace="shop",slo="checkout-availability"}[30d]))',
    );
    expect(rules.some((r) => /avg_over_time/.test(r.expr))).toBe(false);
    expect(recorded(rules, 'slo:sli_total_events:rate5m', 'checkout-availability').expr).toBe(
      'sum(rate(http_requests_total{job="checkout",namespace="shop"}[5m]))',
    );
  });

  test('metadata: objective, error budget, current and period burn rate, budget remaining', () => {
    const meta = (record: string) => recorded(rules, record, 'checkout-availability').expr;
    expect(meta('slo:objective:ratio')).toBe('vector(0.999)');
    expect(meta('slo:error_budget:ratio')).toBe('vector(0.001)');
    expect(meta('slo:current_burn_rate:ratio')).toBe('slo:sli_error:ratio_rate5m{namespace="shop",slo="checkout-availability"} / 0.001');
    expect(meta('slo:period_burn_rate:ratio')).toBe('slo:sli_error:ratio_rate30d{namespace="shop",slo="checkout-availability"} / 0.001');
    expect(meta('slo:period_error_budget_remaining:ratio')).toBe('1 - slo:period_burn_rate:ratio{namespace="shop",slo="checkout-availability"}');
    expect(recorded(rules, 'slo:error_budget:ratio', 'checkout-latency').expr).toBe('vector(0.01)');
  });

  test('four multi-window burn-rate alerts per SLO: 14.4x 1h/5m and 6x 6h/30m page, 3x 1d/2h and 1x 3d/6h warn', () => {
    const burns = rules.filter((r) => r.alert === 'SLOErrorBudgetBurn' && r.labels?.slo === 'checkout-availability');
    expect(burns.map((r) => [r.labels?.severity, r.labels?.long_window, r.labels?.short_window, r.for])).toEqual([
      ['critical', '1h', '5m', '2m'],
      ['critical', '6h', '30m', '15m'],
      ['warning', '1d', '2h', '1h'],
      ['warning', '3d', '6h', '3h'],
    ]);
    expect(burns[0].expr).toBe(
      '(slo:sli_error:ratio_rate1h{namespace="shop",slo="checkout-availability"} > (14.4 * 0.001)) and (slo:sli_error:ratio_rate5m{namespace="shop",slo="checkout-availability"} > (14.4 * 0.001))',
    );
    expect(burns[3].expr).toContain('slo:sli_error:ratio_rate3d{namespace="shop",slo="checkout-availability"} > (1 * 0.001)');
  });

  test('each burn-rate alert carries severity, slo, service, namespace and team, a summary, description, runbook and dashboard', () => {
    const alert = rules.find((r) => r.alert === 'SLOErrorBudgetBurn' && r.labels?.slo === 'checkout-latency' && r.labels?.long_window === '6h')!;
    expect(alert.labels).toEqual({
      severity: 'critical',
      slo: 'checkout-latency',
      service: 'checkout',
      namespace: 'shop',
      team: 'shop',
      long_window: '6h',
      short_window: '30m',
    });
    expect(alert.annotations).toEqual({
      summary: 'checkout-latency is burning its error budget 6x too fast',
      description:
        "{{ $value | humanizePercentage }} of checkout's requests were slower than 300ms over the last 6h (and over 30m too), 6x the 1% the 99% objective allows. At this rate the 30d error budget is gone in 5d.",
      runbook_url: 'https://runbooks.test.example/golden-path/slo-error-budget-burn',
      dashboard_url: 'https://grafana.test.example/d/shop_checkout',
    });
  });

  test('an alert when the scrape target disappears (or is down)', () => {
    const alert = rules.find((r) => r.alert === 'ScrapeTargetMissing')!;
    expect(alert.expr).toBe('absent(up{job="checkout",namespace="shop"} == 1)');
    expect(alert.for).toBe('5m');
    expect(alert.labels).toEqual({ namespace: 'shop', service: 'checkout', team: 'shop', severity: 'critical' });
    expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['dashboard_url', 'description', 'runbook_url', 'summary']);
  });

  test('a latency SLO also warns when its threshold is not a bucket boundary', () => {
    const alert = rules.find((r) => r.alert === 'SLOLatencyBucketMissing')!;
    expect(alert.expr).toBe(
      'count(http_request_duration_seconds_count{job="checkout",namespace="shop"}) unless count(http_request_duration_seconds_bucket{job="checkout",namespace="shop",le=~"0\\\\.30*"})',
    );
    expect(alert.labels?.severity).toBe('warning');
    expect(rulesOf(synthApp(web({ slo: { availability: 99.9 } }))).some((r) => r.alert === 'SLOLatencyBucketMissing')).toBe(false);
  });

  test('without SLOs only the scrape alert, as a warning', () => {
    const plain = groups(synthApp(web()));
    expect(plain.map((g) => g.name)).toEqual(['checkout-scrape']);
    expect(plain[0].rules.map((r) => [r.alert, r.labels?.severity])).toEqual([['ScrapeTargetMissing', 'warning']]);
  });

  test('gRPC services use the gRPC convention', () => {
    const grpc = rulesOf(synthApp(web({ protocol: 'grpc', port: 50051, slo: SLO })));
    expect(recorded(grpc, 'slo:sli_bad_events:rate5m', 'checkout-availability').expr).toContain(
      'grpc_server_handled_total{job="checkout",namespace="shop",grpc_code=~"Unknown|Internal|DataLoss|Unimplemented|Unavailable|DeadlineExceeded"}',
    );
    expect(recorded(grpc, 'slo:sli_total_events:rate5m', 'checkout-latency').expr).toBe(
      'sum(rate(grpc_server_handling_seconds_count{job="checkout",namespace="shop"}[5m]))',
    );
  });

  test('a worker’s SLO reads the metrics it names, with its extra selector', () => {
    const metrics = { requests: 'mails_sent_total', codeLabel: 'outcome', errorCodes: 'failed|bounced', selector: { queue: 'mail' } };
    const worker = rulesOf(synthApp(workerDef({ metricsPort: 9090, slo: { availability: 99.5, metrics } })), 'mailer');
    expect(recorded(worker, 'slo:sli_bad_events:rate5m', 'mailer-availability').expr).toBe(
      '(sum(rate(mails_sent_total{job="mailer",namespace="shop",queue="mail",outcome=~"failed|bounced"}[5m])) or (0 * sum(rate(mails_sent_total{job="mailer",namespace="shop",queue="mail"}[5m]))))',
    );
    expect(recorded(worker, 'slo:error_budget:ratio', 'mailer-availability').expr).toBe('vector(0.005)');
  });
});
