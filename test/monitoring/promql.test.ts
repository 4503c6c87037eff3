import { promqlExpressions, promqlProblems } from '../../lib/monitoring/promql-check';
import { PromqlParser, promqlSyntaxErrors, shapeOf, withGrafanaIntervals } from '../../lib/monitoring/promql';
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

describe('PromqlParser (one per check run)', () => {
  test('empties double-quoted strings for the lookup, unless a quote, escape, comment or line break could pair them otherwise', () => {
    expect(shapeOf('sum(rate(x{job="shop-api",code=~"5.."}[5m]))')).toBe('sum(rate(x{job="",code=~""}[5m]))');
    expect(shapeOf('x{job="a", b=\'c"d\'}')).toBe('x{job="a", b=\'c"d\'}');
    expect(shapeOf('x{job="a\\"b"}')).toBe('x{job="a\\"b"}');
    expect(shapeOf('x{job="a"} # "')).toBe('x{job="a"} # "');
    expect(shapeOf('x{job="a\nb"}')).toBe('x{job="a\nb"}');
  });

  test('answers as the parser does for expressions that differ only in their strings, and reports each failure as written', () => {
    const parser = new PromqlParser();
    expect(parser.syntaxErrors('rate(x{job="a"}[5m])')).toEqual([]);
    expect(parser.syntaxErrors('rate(x{job="bbbb"}[5m])')).toEqual([]);
    const broken = ['rate(x{job="a"}[5m]', 'rate(x{job="longer-name"}[5m]'];
    for (const expression of broken) {
      expect(parser.syntaxErrors(expression)).toEqual(promqlSyntaxErrors(expression));
      expect(parser.syntaxErrors(expression)[0].message).toContain(expression.slice(-10));
    }
    expect(parser.syntaxErrors(broken[1])[0].position).toBe(29);
  });

  test('reads an unterminated string as the parser does', () => {
    const expression = 'x{job="a"} + y{job="b}';
    expect(new PromqlParser().syntaxErrors(expression)).toEqual(promqlSyntaxErrors(expression));
    expect(promqlSyntaxErrors(expression).length).toBeGreaterThan(0);
  });

  test('reads a dashboard once per distinct text', () => {
    const parser = new PromqlParser();
    const read = jest.fn((json: string) => json.length);
    expect([parser.dashboard('{"a":1}', read), parser.dashboard('{"a":1}', read), parser.dashboard('{"b":22}', read)]).toEqual([7, 7, 8]);
    expect(read).toHaveBeenCalledTimes(2);
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

  test('locates a dashboard read earlier in the run under its own ConfigMap key', () => {
    const parser = new PromqlParser();
    const json = JSON.stringify({ panels: [{ id: 4, targets: [{ refId: 'A', expr: 'rate(x[5m]' }] }] });
    const configMap = (key: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd', namespace: 's' }, data: { [key]: json } });
    expect(promqlProblems(configMap('a.json'), parser).map((p) => p.location)).toEqual(['data["a.json"].panels[id=4].targets[A].expr']);
    expect(promqlProblems(configMap('b.json'), parser).map((p) => p.location)).toEqual(['data["b.json"].panels[id=4].targets[A].expr']);
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
