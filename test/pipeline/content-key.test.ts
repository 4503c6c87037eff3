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
    const text = (fn: (...args: never[]) => unknown) => fn.toString();
    expect(contentKey([new Size(1)], undefined, text)).not.toBe(contentKey([{ amount: 1 }], undefined, text));
    expect(contentKey([new Size(1)], undefined, text)).not.toBe(contentKey([new Size(2)], undefined, text));
    expect(contentKey([[undefined]])).not.toBe(contentKey([[null]]));
    expect(contentKey([1n])).not.toBe(contentKey(['1']));
  });

  test('tells apart what JSON would write alike in an object: an undefined field and a missing one, -0 and 0, NaN and null', () => {
    // Each pair renders differently (a ConfigMap's hash, YAML's -0, .nan), so keying them alike served stale output.
    expect(contentKey([{ a: 'x', b: undefined }])).not.toBe(contentKey([{ a: 'x' }]));
    expect(contentKey([{ backoffLimit: -0 }])).not.toBe(contentKey([{ backoffLimit: 0 }]));
    expect(contentKey([{ factor: NaN }])).not.toBe(contentKey([{ factor: null }]));
    expect(contentKey([{ factor: Infinity }])).not.toBe(contentKey([{ factor: -Infinity }]));
    expect(contentKey([new Date(0)])).not.toBe(contentKey(['1970-01-01T00:00:00.000Z']));
    expect(contentKey([new Date(0)])).not.toBe(contentKey([new Date(1)]));
  });

  test('never reads data as one of its spellings: a `$` key of the data is escaped, a bigint is not a string', () => {
    expect(contentKey([{ x: undefined }])).not.toBe(contentKey([{ x: { $undefined: true } }]));
    expect(contentKey([{ x: -0 }])).not.toBe(contentKey([{ x: { $number: '-0' } }]));
    expect(contentKey([new Map([['a', 1]])])).not.toBe(contentKey([{ $map: [['a', 1]] }]));
    expect(contentKey([5n])).not.toBe(contentKey(['5n']));
    expect(contentKey([{ $ref: 'a' }])).toBe(contentKey([{ $ref: 'a' }]));
  });

  test('keys a subclass of a built-in as a class: by its code, which a subclass of Map may change', () => {
    class LoudMap extends Map<string, string> {
      override get(key: string): string | undefined {
        return super.get(key)?.toUpperCase();
      }
    }
    class QuietMap extends Map<string, string> {}
    expect(contentKey([new LoudMap([['a', 'b']])])).toBeUndefined();
    const text = (fn: (...args: never[]) => unknown) => fn.toString();
    expect(contentKey([new LoudMap([['a', 'b']])], undefined, text)).not.toBe(contentKey([new QuietMap([['a', 'b']])], undefined, text));
    class Tags extends Array<string> {}
    expect(contentKey([Tags.from(['a'])])).toBeUndefined();
  });

  test('keys what an object holds, not what its toJSON writes', () => {
    const a = { size: 1, toJSON: () => 'same' };
    expect(contentKey([a])).toBeUndefined();
    const text = (fn: (...args: never[]) => unknown) => fn.toString();
    expect(contentKey([a], undefined, text)).not.toBe(contentKey([{ size: 2, toJSON: () => 'same' }], undefined, text));
  });

  test("keys a class instance by its class's code: its private fields and getters are not its own fields", () => {
    class Sizing {
      readonly #tier: string;
      constructor(tier: string) {
        this.#tier = tier;
      }
      get cpu(): string {
        return this.#tier === 'large' ? '500m' : '100m';
      }
    }
    // Without code to key it by, it cannot be keyed: two tiers would look the same.
    expect(contentKey([new Sizing('large')])).toBeUndefined();
    const seen: string[] = [];
    const code = (fn: (...args: never[]) => unknown) => {
      seen.push(fn.name);
      return fn.toString();
    };
    const key = contentKey([new Sizing('large')], undefined, code);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(seen).toEqual(['Sizing']);
    class Other {
      readonly tier = 'large';
    }
    expect(contentKey([new Other()], undefined, code)).not.toBe(contentKey([{ tier: 'large' }], undefined, code));
  });

  test('is undefined for a built-in object it cannot read: a RegExp, a typed array, a Proxy', () => {
    const text = (fn: (...args: never[]) => unknown) => fn.toString();
    expect(contentKey([{ match: /a/ }], undefined, text)).toBeUndefined();
    expect(contentKey([{ bytes: new Uint8Array([1]) }], undefined, text)).toBeUndefined();
    // JSON sees a Proxy's ownKeys (none here); the renderer reads `cpu` through its handler.
    const helper = { cpu: '1' };
    expect(contentKey([{ resources: new Proxy({}, { get: (_, key) => helper[key as 'cpu'] }) }], undefined, text)).toBeUndefined();
  });

  test('is undefined for an object whose fields JSON does not see: inherited from a prototype of its own, or not enumerable', () => {
    const text = (fn: (...args: never[]) => unknown) => fn.toString();
    // A prototype with no prototype of its own is not Object.prototype: `cpu` is read through it.
    const bare = Object.assign(Object.create(null) as object, { cpu: '200m' });
    expect(contentKey([{ resources: Object.create(bare) as object }], undefined, text)).toBeUndefined();
    expect(contentKey([{ resources: Object.create(new Proxy(Object.create(null) as object, {})) as object }], undefined, text)).toBeUndefined();
    expect(contentKey([{ resources: Object.defineProperty({ memory: '384Mi' }, 'cpu', { value: '200m' }) }], undefined, text)).toBeUndefined();
    // An object with no prototype at all, and an array's length, are plain.
    expect(contentKey([{ resources: bare, list: ['a'] }])).toMatch(/^[0-9a-f]{64}$/);
    expect(contentKey([{ resources: bare }])).not.toBe(contentKey([{ resources: Object.assign(Object.create(null) as object, { cpu: '250m' }) }]));
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

  test('tells `failed` what it could not key and under which field, for a synth to say why an app is never cached', () => {
    const why = (parts: unknown[], code?: (fn: (...args: never[]) => unknown) => string): string | undefined => {
      let reason: string | undefined;
      expect(contentKey(parts, undefined, code, (r) => (reason = r))).toBeUndefined();
      return reason;
    };
    class Sizing {}
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(why([{ customize: () => 1 }])).toBe("a function at 'customize'");
    expect(why([{ resources: new Sizing() }])).toBe("an instance of class Sizing at 'resources'");
    expect(why([{ resources: new Proxy({}, {}) }])).toBe("a Proxy at 'resources'");
    expect(why([{ match: /a/ }], String)).toBe("a built-in RegExp at 'match'");
    expect(why([{ resources: Object.create({ cpu: '1' }) as object }], String)).toBe("an object made with Object.create at 'resources'");
    expect(why([{ kind: Symbol('web') }])).toBe("a symbol at 'kind'");
    expect(why([cycle])).toBe('a cycle (an object that holds itself)');
    const throwing = {
      get cpu(): string {
        throw new TypeError('no sizing for this tier');
      },
    };
    expect(why([{ resources: throwing }])).toBe('a value whose reading threw TypeError: no sizing for this tier');
    let deep: object = {};
    for (let i = 0; i < 100_000; i++) deep = { deep };
    expect(why([deep])).toBe('a structure too deep to walk, or a cycle through a class instance');
    let called = false;
    expect(contentKey([{ a: 1 }], undefined, undefined, () => (called = true))).toMatch(/^[0-9a-f]{64}$/);
    expect(called).toBe(false);
  });

  test('names the whole field, as a definition spells it, not only its last key', () => {
    const why = (parts: unknown[]): string | undefined => {
      let reason: string | undefined;
      expect(contentKey(parts, undefined, undefined, (r) => (reason = r))).toBeUndefined();
      return reason;
    };
    const proxied = { environments: { prod: { resources: new Proxy({}, {}) } } };
    expect(why(['format', { name: 'api' }, proxied])).toBe("a Proxy at 'environments.prod.resources'");
    expect(why([{ sidecars: [{ name: 'log' }, { name: 'proxy', command: ['/bin/x', () => 1] }] }])).toBe("a function at 'sidecars[1].command[1]'");
    const hidden = { cpu: '1' };
    Object.defineProperty(hidden, 'memory', { value: '1Gi', enumerable: false });
    expect(why([{ environments: { dev: { resources: hidden } } }])).toBe("a field that is not enumerable at 'environments.dev.resources.memory'");
    expect(why([{ labels: { [Symbol('team')]: 'shop' } }])).toBe("a field keyed by a symbol under 'labels'");
    expect(why([{ [Symbol('team')]: 'shop' }])).toBe('a field keyed by a symbol in a part itself');
    // Walked as a copy (a Map's entries): not found again by identity, so the field's own name.
    expect(why([{ config: new Map([['a', { f: () => 1 }]]) }])).toBe("a function at 'f'");
  });
});
