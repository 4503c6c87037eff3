import { stringify } from 'yaml';
import { canonicalize } from '../../lib/output/canonical';
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
});
