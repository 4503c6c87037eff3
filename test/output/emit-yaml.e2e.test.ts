import { stringify } from 'yaml';
import { canonicalize } from '../../lib/output/canonical';
import { emitYaml, YAML_OPTIONS } from '../../lib/output/emit-yaml';
import { sampleFleet } from '../fixtures/sample-fleet';

describe('emitYaml over the sample fleet', () => {
  test('writes every object of the sample fleet exactly as the yaml library does', () => {
    const { rendered, platform } = sampleFleet();
    const objects = [...rendered.flatMap((r) => r.manifests), ...platform.flatMap((p) => p.manifests)];
    expect(objects.length).toBeGreaterThan(100);
    for (const object of objects) expect(emitYaml(canonicalize(object))).toBe(stringify(canonicalize(object), YAML_OPTIONS));
  });
});
