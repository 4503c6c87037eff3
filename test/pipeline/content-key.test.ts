import { contentKey } from '../../lib/pipeline/cache/content-key';

class Size {
  constructor(readonly amount: number) {}
}

describe('contentKey', () => {
  test('is a sha256 that follows every value, nested ones included', () => {
    const key = contentKey([{ a: 1, b: { c: ['x'] } }]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(contentKey([{ a: 1, b: { c: ['x'] } }])).toBe(key);
    expect(contentKey([{ a: 1, b: { c: ['y'] } }])).not.toBe(key);
    expect(contentKey([{ a: 1, b: { c: ['x'] }, d: 0 }])).not.toBe(key);
  });

  test('tells apart what JSON would write alike: Map and Set contents, a class, undefined and null in a list', () => {
    expect(contentKey([new Map([['a', 1]])])).not.toBe(contentKey([new Map([['a', 2]])]));
    expect(contentKey([new Set([1])])).not.toBe(contentKey([new Set([2])]));
    expect(contentKey([new Size(1)])).not.toBe(contentKey([{ amount: 1 }]));
    expect(contentKey([[undefined]])).not.toBe(contentKey([[null]]));
    expect(contentKey([1n])).not.toBe(contentKey(['1']));
  });

  test('is undefined for what content cannot key: a function anywhere, a symbol key, a cycle', () => {
    expect(contentKey([{ customize: { run: () => 1 } }])).toBeUndefined();
    expect(contentKey([{ [Symbol('s')]: 1 }])).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(contentKey([cycle])).toBeUndefined();
  });

  test('names a referenced object instead of walking it, so its own content does not count', () => {
    const other = { name: 'api', customize: () => 1 };
    const refer = (value: object) => (value === other ? 'apps/shop/api.ts' : undefined);
    const key = contentKey([{ dependsOn: [other] }], refer);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(contentKey([{ dependsOn: [{ ...other }] }], refer)).toBeUndefined();
    expect(contentKey([{ dependsOn: [other] }], (value) => (value === other ? 'apps/shop/web.ts' : undefined))).not.toBe(key);
  });

  test('keys a function as what `code` says of it, when given', () => {
    const text = (fn: (...args: never[]) => unknown) => fn.toString();
    const key = contentKey([{ customize: () => 1 }], undefined, text);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(contentKey([{ customize: () => 1 }], undefined, text)).toBe(key);
    expect(contentKey([{ customize: () => 2 }], undefined, text)).not.toBe(key);
    expect(contentKey([{ customize: () => 1 }], undefined, () => 'same')).toBe(contentKey([{ customize: () => 2 }], undefined, () => 'same'));
  });
});
