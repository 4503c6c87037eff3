import { parser } from '@prometheus-io/lezer-promql';
import { Manifest } from '../../lib/manifest/manifest';
import { layoutFleet } from '../../lib/pipeline/layout-fleet';
import { runChecks } from '../../lib/policy/run-checks';
import { promqlValid } from '../../lib/policy/rules/promql-valid';
// The module object emit-yaml.ts calls through (not an import's interop copy), so the spy sees its calls.
const yaml = jest.requireActual<typeof import('yaml')>('yaml');

// What a run remembers (parsed PromQL, written YAML scalars, pod templates) belongs to that run:
// the next run in the same process starts empty, so two syntheses cannot see each other.

afterEach(() => jest.restoreAllMocks());

function prometheusRule(name: string, expressions: readonly string[]): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, namespace: 'shop' },
    spec: { groups: [{ name, rules: expressions.map((expr, i) => ({ alert: `A${i}`, expr })) }] },
  };
}

function check(manifests: readonly Manifest[]) {
  return runChecks([{ app: { name: 'checkout', environment: 'prod', source: 'apps/shop/checkout.ts' }, manifests }], {
    now: new Date('2025-06-15T12:00:00Z'),
    rules: [promqlValid],
    schema: false,
    productionEnvironments: ['prod'],
  });
}

describe('a check run', () => {
  test('parses each distinct PromQL expression once, and the next run parses its own again', () => {
    const parse = jest.spyOn(parser, 'parse');
    const first = check([prometheusRule('a', ['up == 1', 'up == 1']), prometheusRule('b', ['up == 1'])]);
    expect(first.findings).toEqual([]);
    expect(parse).toHaveBeenCalledTimes(1);

    parse.mockClear();
    const second = check([prometheusRule('a', ['up == 1', 'sum(rate(x[5m])'])]);
    expect(parse.mock.calls.map((call) => call[0])).toEqual(['up == 1', 'sum(rate(x[5m])']);
    expect(second.findings.map((f) => [f.rule, f.field])).toEqual([['promql-valid', 'spec.groups[0].rules[1].expr']]);
  });
});

describe('a layout of the fleet', () => {
  const configMap = (value: string): Manifest => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'shop' },
    data: { LEVEL: value },
  });
  const layout = (value: string) =>
    layoutFleet([], [{ path: 'prod/shop/settings.yaml', environment: 'prod', source: 'apps/environments.ts', manifests: [configMap(value)] }]);

  test('writes each distinct scalar once, and the next layout writes its own again', () => {
    const stringify = jest.spyOn(yaml, 'stringify');
    layout('info');
    const firstCalls = stringify.mock.calls.length;
    expect(firstCalls).toBeGreaterThan(0);

    stringify.mockClear();
    const files = layout('debug');
    // The same keys and values as the first layout but one: a shared cache would skip them all.
    expect(stringify.mock.calls.length).toBe(firstCalls);
    expect(files.get('prod/shop/settings.yaml')).toContain('  LEVEL: debug\n');
  });
});
