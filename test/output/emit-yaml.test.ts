import { stringify } from 'yaml';
import { canonicalize, canonicalKeys } from '../../lib/output/canonical';
import { emitYaml, YAML_OPTIONS } from '../../lib/output/emit-yaml';
import { synthApp, taskDef, webDef, workerDef } from '../helpers';

/** emitYaml is a faster writer of the same bytes: yaml's own output is the specification. */
const same = (value: unknown) => expect(emitYaml(value)).toBe(stringify(value, YAML_OPTIONS));

describe('emitYaml', () => {
  test('writes every object of a web service, a worker and a task exactly as the yaml library does', () => {
    const objects = [
      ...synthApp(webDef({ metricsPort: 9090, slo: { availability: 99.9 }, config: { A: 'multi\nline' } })),
      ...synthApp(workerDef({ metricsPort: 9090 })),
      ...synthApp(taskDef()),
    ];
    for (const object of objects) same(canonicalize(object));
  });

  test.each([
    [
      'nested lists',
      {
        a: [
          [1, 2],
          ['x', [true]],
        ],
      },
    ],
    ['empty containers as values and items', { b: [], c: {}, d: [[], {}] }],
    ['strings yaml must quote', { e: 'true', f: '1.10', g: 'a: b', h: '  lead', i: '@sha256:ab', j: '', k: '- x', l: '#x' }],
    ['multi-line strings at depth and in lists', { m: 'l1\nl2', n: [{ o: 'm1\nm2\n' }], p: { q: { r: 'x\n\ny\n' } } }],
    ['keys yaml must quote', { 'weird key': 1, '': 2, '1': 3, 'a:b': 4, true: 5 }],
    ['numbers, null and booleans', { s: null, t: -0.5, u: 1e21, v: 0, w: false }],
    ['a list at the top', [{ a: 1 }, 'b']],
    ['a scalar at the top', 'just text'],
    ['an empty object at the top', {}],
  ])('matches yaml on %s', (_name, value) => same(value));

  test.each([
    ['names, images and paths', ['checkout', 'shop-api-0001', 'ghcr.io/acme/app:1.2.3', '/healthz', 'a=b,c+d', '_x', 'f(x)', 'Europe/Berlin']],
    ['words and spaces', ['Synthetic web-service 1 of team shop.', 'a b', 'a  b', 'a ', 'a #b', 'a# b', 'x: y', 'http://x:8080/p', 'a:', 'a :b']],
    ['core-schema words in any case', ['true', 'True', 'TRUE', 'tRue', 'false', 'FALSE', 'null', 'Null', 'NULL', 'nULL', 'yes', 'No', 'on', 'y', '~']],
    ['numbers and number-like strings', ['0', '10', '1.10', '1e3', '0x1F', '0o17', '.inf', '-.inf', '.nan', '+1', '-1', '1_000', '12:30', '250m']],
    [
      'indicators and quotes',
      ['-', '?', ':', '- x', '? x', '@sha256:ab', '`x', "'x'", '"x"', "a'b", 'a"b', '%x', '!x', '&x', '*x', '|', '>', '[x]', '{x}', ',x', '#x'],
    ],
    ['non-ASCII and control characters', ['caf\u00e9', 'na\u00efve text', 'tab\there', 'bell\u0007', '\u2028', 'emoji \u{1F600}']],
    ['document markers', ['---', '--- x', '...', 'x ...']],
    [
      'PromQL and sentences',
      [
        'sum(rate(http_requests_total{job="shop-api",code=~"5.."}[5m])) / 2',
        'slo:sli_error:ratio_rate1h{slo="a"} > (14.4 * 0.001)',
        "Pod shop-api's error ratio is 2% (budget 0.1%). See the dashboard: x.",
        '{{ $labels.pod }} restarts',
        'a#b c',
        'x | y > z & *w !v %u `t ~s ^r ?q <p ;o [n] {m}',
        'a: "quoted"',
        "ends with a quote'",
        'text\twith tab',
      ],
    ],
  ])('writes %s as yaml does', (_name, strings) => {
    same({ list: strings, map: Object.fromEntries(strings.map((v, i) => [`k${i}`, v])), nested: [{ deep: { values: strings } }] });
  });

  test('writes integers, fractions and extremes as yaml does', () => {
    same({ n: [0, -0, 1, -1, 42, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e21, 0.1, -2.5, 1 / 3, NaN, Infinity, -Infinity] });
  });

  test('treats an object whose values are all undefined as empty, as yaml does', () => {
    same({ a: { gone: undefined }, b: [{ gone: undefined }], c: 1 });
  });

  test('walks keys in the order it is given, writing what yaml writes for the reordered copy', () => {
    const object = {
      spec: { b: 1, a: [{ z: 1, name: 'x' }] },
      metadata: { labels: { b: 'y', a: 'x' }, name: 'n' },
      kind: 'K',
      apiVersion: 'v1',
      gone: undefined,
    };
    expect(emitYaml(object, canonicalKeys)).toBe(stringify(canonicalize(object), YAML_OPTIONS));
    expect(emitYaml(object, canonicalKeys)).toBe(
      [
        'apiVersion: v1',
        'kind: K',
        'metadata:',
        '  name: n',
        '  labels:',
        '    a: x',
        '    b: y',
        'spec:',
        '  a:',
        '    - name: x',
        '      z: 1',
        '  b: 1',
        '',
      ].join('\n'),
    );
  });
});
