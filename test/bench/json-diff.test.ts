import { deepEqual, difference, intersect, Json } from '../../bench/kustomize/json-diff';

describe('json intersection and difference', () => {
  test('keeps only keys every object has with the same value', () => {
    expect(
      intersect([
        { a: 1, b: { c: 2, d: 3 } },
        { a: 1, b: { c: 2, d: 4 }, e: 5 },
      ]),
    ).toEqual({ a: 1, b: { c: 2 } });
  });

  test('keeps a list only when it is equal everywhere', () => {
    expect(intersect([{ l: [1, 2] }, { l: [1, 3] }])).toEqual({});
    expect(intersect([{ l: [1, 2] }, { l: [1, 2] }])).toEqual({ l: [1, 2] });
  });

  test('intersects containers item by item, by name', () => {
    const a: Json = { containers: [{ name: 'app', image: 'x', tty: true }] };
    const b: Json = { containers: [{ name: 'app', image: 'y', tty: true }] };
    expect(intersect([a, b])).toEqual({ containers: [{ name: 'app', tty: true }] });
  });

  test('the difference of a value against the intersection restores it when merged back', () => {
    const a: Json = { spec: { replicas: 2, containers: [{ name: 'app', image: 'x', env: [{ name: 'A', value: '1' }] }] } };
    const b: Json = { spec: { replicas: 3, containers: [{ name: 'app', image: 'x' }] } };
    const base = intersect([a, b])!;
    expect(difference(a, base)).toEqual({ spec: { replicas: 2, containers: [{ name: 'app', env: [{ name: 'A', value: '1' }] }] } });
    expect(difference(b, base)).toEqual({ spec: { replicas: 3 } });
  });

  test('has no difference from an equal value', () => {
    expect(difference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeUndefined();
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
  });
});
