import { decodeManifests, encodeManifests } from '../../lib/pipeline/cache/manifest-lines';
import { Manifest } from '../../lib/manifest/manifest';

/** Large enough that its body is parsed only when read. */
const DASHBOARD = `{"panels":[${'1,'.repeat(3000)}2]}\n\t`;

const objects = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'checkout-dashboard', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'checkout' } },
    data: { 'dashboard.json': DASHBOARD, title: 'café ✓' },
    skipped: undefined,
  },
  // A key before the head, and a body that holds tabs and newlines in its strings.
  { spec: { replicas: 3, note: 'a\tb\nc' }, apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'checkout' }, status: null },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
] as unknown as Manifest[];

describe('manifest lines', () => {
  test('decode gives the objects JSON would give back, with their keys in the same order', () => {
    const decoded = decodeManifests(Buffer.from(encodeManifests(objects)))!;
    const json = JSON.parse(JSON.stringify(objects)) as Manifest[];
    expect(decoded.map((o) => Object.keys(o))).toEqual([
      ['apiVersion', 'kind', 'metadata', 'data'],
      ['spec', 'apiVersion', 'kind', 'metadata', 'status'],
      ['apiVersion', 'kind', 'metadata'],
    ]);
    expect(decoded).toStrictEqual(json);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(objects));
    expect(decodeManifests(Buffer.from(encodeManifests([])))).toEqual([]);
  });

  test("an object's body is parsed when a key of it is first read, and is a plain value after", () => {
    const [config] = decodeManifests(Buffer.from(encodeManifests(objects)))! as unknown as Record<string, unknown>[];
    expect(config.metadata).toEqual({ name: 'checkout-dashboard', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'checkout' } });
    expect(Object.getOwnPropertyDescriptor(config, 'data')?.get).toBeDefined();
    expect(config.data).toEqual({ 'dashboard.json': DASHBOARD, title: 'café ✓' });
    expect(Object.getOwnPropertyDescriptor(config, 'data')).toEqual({
      value: { 'dashboard.json': DASHBOARD, title: 'café ✓' },
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });

  test('writing a key of the body before reading it keeps the write', () => {
    const [config] = decodeManifests(Buffer.from(encodeManifests(objects)))! as unknown as Record<string, unknown>[];
    config.data = { replaced: 'yes' };
    expect(config.data).toEqual({ replaced: 'yes' });
    expect(Object.keys(config)).toEqual(['apiVersion', 'kind', 'metadata', 'data']);
  });

  test('text not in this form (a JSON array, a line without its parts, keys that are not names, a line that is no object) is no objects', () => {
    expect(decodeManifests(Buffer.from(JSON.stringify(objects)))).toBeUndefined();
    expect(decodeManifests(Buffer.from('[{"kind": "trunc'))).toBeUndefined();
    expect(decodeManifests(Buffer.from('["kind"]\t{}'))).toBeUndefined();
    expect(decodeManifests(Buffer.from('[[1],{}]\t{}'))).toBeUndefined();
    expect(decodeManifests(Buffer.from('[["kind"],null]\t{}'))).toBeUndefined();
    expect(decodeManifests(Buffer.from('[["kind"],{"kind":"A"}]\t{}\t{}'))).toBeUndefined();
    expect(decodeManifests(Buffer.from('{"kind":"A"}\n"text"'))).toBeUndefined();
  });
});
