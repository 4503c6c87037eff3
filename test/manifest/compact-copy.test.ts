import { compactCopy } from '../../lib/manifest/compact-copy';
import { renderManifests } from '../../lib/output/render-yaml';
import { YamlEmitter } from '../../lib/output/emit-yaml';
import { Manifest } from '../../lib/manifest/manifest';

describe('compactCopy', () => {
  test('copies every object and list, value for value: -0, NaN, the infinities and undefined fields stay as they are', () => {
    const shared = { name: 'http' };
    const original = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api', labels: { team: 'shop' }, annotations: undefined },
      spec: { ports: [shared, shared], weights: [-0, NaN, Infinity, -Infinity, 1.5], selector: null, empty: {}, none: [] },
    };
    const copy = compactCopy(original);
    expect(copy).toStrictEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.metadata.labels).not.toBe(original.metadata.labels);
    expect(copy.spec.ports[0]).not.toBe(shared);
    expect(Object.keys(copy.metadata)).toEqual(['name', 'labels', 'annotations']);
    expect(Object.is(copy.spec.weights[0], -0)).toBe(true);
    expect(Number.isNaN(copy.spec.weights[1])).toBe(true);
  });

  test('the copy writes the same YAML as the original (JSON would write -0 as 0 and NaN as null)', () => {
    const objects = [
      { apiVersion: 'example.com/v1', kind: 'Tuning', metadata: { name: 'x', namespace: 'shop' }, spec: { bias: -0, gain: NaN, cap: Infinity } },
    ];
    const yaml = (manifests: unknown) => renderManifests('apps/shop/x.ts', manifests as Manifest[], new YamlEmitter());
    expect(yaml(compactCopy(objects))).toBe(yaml(objects));
    expect(yaml(compactCopy(objects))).toContain('bias: -0\n');
    expect(yaml(JSON.parse(JSON.stringify(objects)))).not.toBe(yaml(objects));
  });
});
