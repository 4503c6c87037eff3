import { deserialize, serialize } from 'node:v8';
import { SharedValues } from '../../lib/pipeline/cache/shared-values';

const probe = (periodSeconds = 5) => ({ handler: { kind: 'http', path: '/healthz', port: 'health' }, periodSeconds });
const app = (name: string) => ({
  name,
  labels: { 'app.kubernetes.io/name': name },
  probes: { readiness: probe(5), liveness: probe(10) },
  ports: [{ name: 'http', port: 8080 }],
});

describe('SharedValues', () => {
  test('makes equal parts of different values one object, and leaves the values equal to what they were', () => {
    const shared = new SharedValues();
    const [a, b] = [shared.share(app('a')), shared.share(app('b'))];
    expect(a.probes).toBe(b.probes);
    expect(a.probes.readiness.handler).toBe(a.probes.liveness.handler);
    expect(a.ports).toBe(b.ports);
    expect(a.labels).not.toBe(b.labels);
    expect(a).toStrictEqual(app('a'));
    expect(b).toStrictEqual(app('b'));
  });

  test('changes nothing it is given, and returns what it was given where nothing below was made one with another part', () => {
    const shared = new SharedValues();
    const first = Object.freeze(app('a'));
    const second = app('b');
    // Its two probes' handlers are equal: one of them stands for both from then on, in a copy of what holds them.
    const kept = shared.share(first);
    expect(kept).not.toBe(first);
    expect(kept.labels).toBe(first.labels);
    expect(kept.probes.readiness).toBe(first.probes.readiness);
    expect(kept.probes.liveness.handler).toBe(first.probes.readiness.handler);
    expect(first.probes.liveness.handler).not.toBe(first.probes.readiness.handler);
    const result = shared.share(second);
    expect(result).not.toBe(second);
    expect(result.labels).toBe(second.labels);
    expect(result.probes).toBe(kept.probes);
    expect(second.probes).not.toBe(kept.probes);
    expect(second).toStrictEqual(app('b'));
  });

  test.each([
    ['an undefined field and no field', { a: 1, b: undefined }, { a: 1 }],
    ['-0 and 0', { n: -0 }, { n: 0 }],
    ['NaN and null', [NaN], [null]],
    ['a number and its text', [1], ['1']],
    ['true and its text', [true], ['t']],
    ['the same keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['a list and an object of its indexes', ['x'], { 0: 'x' }],
    ['strings that spell alike when joined', ['a,s1:b'], ['a', 'b']],
    ['a key and a value that spell alike when joined', { ab: 'c' }, { a: 'bc' }],
    ['an empty list and an empty object', [], {}],
  ])('tells apart %s', (_, x, y) => {
    const shared = new SharedValues();
    const [a, b] = [shared.share({ v: x }), shared.share({ v: y })];
    expect(a.v).not.toBe(b.v);
    expect(a.v).toStrictEqual(x);
    expect(b.v).toStrictEqual(y);
  });

  test('keeps as they are, each its own, objects V8 does not read back as plain ones and lists with holes or named fields', () => {
    const shared = new SharedValues();
    const named = Object.assign(['x'], { extra: 1 });
    // eslint-disable-next-line no-sparse-arrays
    const values = [new Map([['a', 1]]), new Date(0), [1, , 3], named];
    const again = [new Map([['a', 1]]), new Date(0), [1, , 3], Object.assign(['x'], { extra: 1 })]; // eslint-disable-line no-sparse-arrays
    const [a, b] = [shared.share(values), shared.share(again)];
    a.forEach((value, i) => expect(value).toBe(values[i]));
    b.forEach((value, i) => expect(value).toBe(again[i]));
  });

  test('makes objects too long to be equal to another (above 1,024 characters spelled out) no others, but shares their parts', () => {
    const shared = new SharedValues();
    const long = () => ({ text: 'x'.repeat(1024), probe: probe() });
    const [a, b] = [shared.share(long()), shared.share(long())];
    expect(a).not.toBe(b);
    expect(a.probe).toBe(b.probe);
    const short = () => ({ text: 'x'.repeat(900) });
    expect(shared.share(short())).toBe(shared.share(short()));
  });

  test('gives a value that holds itself back whole', () => {
    const shared = new SharedValues();
    const cycle: Record<string, unknown> = { name: 'loop', probe: probe() };
    cycle.self = cycle;
    const result = shared.share(cycle);
    expect(result.self).toBe(cycle);
    expect(result.name).toBe('loop');
  });

  test("V8's serialization of shared values reads back equal to the values given, smaller, with the parts shared", () => {
    const values = ['a', 'b', 'c'].map(app);
    const shared = new SharedValues();
    const bytes = serialize(values.map((v) => shared.share(v)));
    expect(bytes.length).toBeLessThan(serialize(values).length * 0.75);
    const back = deserialize(bytes) as ReturnType<typeof app>[];
    expect(back).toEqual(values);
    expect(back[0].probes).toBe(back[2].probes);
  });
});
