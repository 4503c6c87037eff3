import { promqlExpressions, promqlProblems } from '../../lib/monitoring/promql-check';
import { promqlSyntaxErrors, withGrafanaIntervals } from '../../lib/monitoring/promql';
import { Manifest } from '../../lib/manifest/manifest';
import { synthApp, webDef, workerDef } from '../helpers';
import { resolveDefinition, synthResolved } from '../fixtures/resolved-app';
import { PROMTOOL_ENVIRONMENT, PROMTOOL_FIXTURES } from '../../scripts/promtool-fixtures';

describe('PromQL syntax check (lezer-promql)', () => {
  test('a valid expression has no errors', () => {
    expect(promqlSyntaxErrors('sum by (code) (rate(http_requests_total{job="a",code=~"5.."}[5m])) / 2')).toEqual([]);
    expect(promqlSyntaxErrors('absent(up{job="a"} == 1)')).toEqual([]);
  });

  test.each([
    ['sum(rate(x[5m])) /', 18, /end of expression/],
    ['sum(rate(x{job="a"[5m]))', 18, /unexpected/],
    ['rate(x[5m]', 10, /end of expression/],
    ['sum(x) by', 9, /end of expression/],
  ])('%s: an error at %i', (expr, position, message) => {
    const errors = promqlSyntaxErrors(expr);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].position).toBe(position);
    expect(errors[0].message).toMatch(message);
  });

  test('an empty expression is an error', () => {
    expect(promqlSyntaxErrors('  ')).toEqual([{ message: 'is empty', position: 0 }]);
  });

  test("Grafana's interval variables become durations of the same length, so positions still hold", () => {
    const expr = 'rate(x[$__rate_interval]) + rate(y[${__interval}]) + rate(z[$__range])';
    const replaced = withGrafanaIntervals(expr);
    expect(replaced).toHaveLength(expr.length);
    expect(replaced).not.toContain('$');
    expect(promqlSyntaxErrors(replaced)).toEqual([]);
    expect(promqlSyntaxErrors(expr).length).toBeGreaterThan(0);
  });
});

describe('promqlProblems', () => {
  const rule = (exprs: readonly string[]): Manifest => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'checkout', namespace: 'shop' },
    spec: { groups: [{ name: 'g', rules: exprs.map((expr, i) => ({ record: `r${i}`, expr })) }] },
  });
  const dashboard = (panels: unknown[]): Manifest => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'checkout-dashboard', namespace: 'shop' },
    data: { 'shop_checkout.json': JSON.stringify({ panels }) },
  });

  test('finds a broken rule expression, with its position and where it is', () => {
    expect(promqlProblems(rule(['sum(x)', 'sum(rate(x[5m])) /']))).toEqual([
      {
        expression: 'sum(rate(x[5m])) /',
        message: "unexpected end of expression after 'sum(rate(x[5m])) /'",
        position: 18,
        location: 'spec.groups[0].rules[1].expr',
      },
    ]);
  });

  test('finds a broken dashboard target, in rows too, and accepts Grafana variables', () => {
    const problems = promqlProblems(
      dashboard([
        { id: 1, targets: [{ refId: 'A', expr: 'rate(x[$__rate_interval])' }] },
        { id: 2, type: 'row', panels: [{ id: 3, targets: [{ refId: 'B', expr: 'rate(x[5m]' }] }] },
      ]),
    );
    expect(problems.map((p) => [p.location, p.position])).toEqual([['data["shop_checkout.json"].panels[id=2].panels[id=3].targets[B].expr', 10]]);
  });

  test('reads only PrometheusRules and dashboard ConfigMaps', () => {
    expect(promqlProblems({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { LOG_LEVEL: 'info', 'x.json': '{"a": "rate(("}' } })).toEqual([]);
    expect(promqlProblems({ kind: 'Deployment', metadata: { name: 'd' }, spec: { expr: 'rate((' } })).toEqual([]);
  });
});

describe('every generated PromQL expression parses', () => {
  const SLO = { availability: 99.9, latency: { threshold: '300ms', objective: 99 } };
  const fromHelpers = [
    synthApp(webDef({ metricsPort: 9090, slo: SLO })),
    synthApp(webDef({ metricsPort: 9090, protocol: 'grpc', port: 50051, slo: { ...SLO, metrics: { selector: { grpc_type: 'unary' } } } } as never)),
    synthApp(workerDef({ metricsPort: 9090 })),
  ].flat();
  const fromFixtures = PROMTOOL_FIXTURES.flatMap((f) => synthResolved(resolveDefinition(f.definition, PROMTOOL_ENVIRONMENT)));

  test.each([
    ['test definitions', fromHelpers],
    ['promtool fixtures', fromFixtures],
  ])('%s: rules and dashboards', (_, manifests) => {
    const expressions = manifests.flatMap((m) => promqlExpressions(m));
    expect(expressions.length).toBeGreaterThan(10);
    expect(expressions.some((e) => e.grafana)).toBe(true);
    expect(expressions.some((e) => !e.grafana)).toBe(true);
    expect(manifests.flatMap((m) => promqlProblems(m))).toEqual([]);
  });
});
