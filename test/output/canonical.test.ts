import { canonicalize, canonicalKeys } from '../../lib/output/canonical';

describe('canonicalize', () => {
  test('puts apiVersion, kind and metadata first, then the rest alphabetically', () => {
    const out = canonicalize({ spec: {}, metadata: { name: 'a' }, kind: 'Service', apiVersion: 'v1', data: {} });
    expect(Object.keys(out)).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'spec']);
  });

  test('puts name and namespace first inside metadata and containers', () => {
    const out = canonicalize({ metadata: { labels: {}, namespace: 'shop', name: 'a', annotations: {} }, containers: [{ image: 'x', name: 'c' }] });
    expect(Object.keys(out.metadata)).toEqual(['name', 'namespace', 'annotations', 'labels']);
    expect(Object.keys(out.containers[0])).toEqual(['name', 'image']);
  });

  test('keeps array order and drops undefined values', () => {
    const out = canonicalize({ args: ['b', 'a'], gone: undefined });
    expect(out).toEqual({ args: ['b', 'a'] });
    expect('gone' in out).toBe(false);
  });

  test('gives the same key order whatever order the input had', () => {
    const a = JSON.stringify(canonicalize({ x: 1, b: { d: 1, c: 2 }, a: 1 }));
    const b = JSON.stringify(canonicalize({ a: 1, b: { c: 2, d: 1 }, x: 1 }));
    expect(a).toBe(b);
  });

  test('canonicalKeys gives the keys with a value in canonical order, whether or not they arrive sorted', () => {
    expect(canonicalKeys({ apiVersion: 'v1', kind: 'K', metadata: {}, spec: {} })).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(canonicalKeys({ labels: {}, namespace: 's', gone: undefined, name: 'a', annotations: {} })).toEqual(['name', 'namespace', 'annotations', 'labels']);
  });
});
