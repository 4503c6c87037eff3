import { Provenance } from '../../lib/environments/provenance';

describe('Provenance', () => {
  test('picks the highest-precedence layer that sets a value, and records it', () => {
    const prov = new Provenance();
    expect(prov.pick('replicas', ['platform', 1], ['environment', 2], ['app', undefined], ['override', 4])).toBe(4);
    expect(prov.origins.replicas).toBe('override');
  });

  test('skips layers that leave the value unset', () => {
    const prov = new Provenance();
    expect(prov.pick('cpu', ['platform', '100m'], ['environment', '200m'], ['app', undefined], ['override', undefined])).toBe('200m');
    expect(prov.origins.cpu).toBe('environment');
  });

  test('treats 0, false and the empty string as values, not as unset', () => {
    const prov = new Provenance();
    expect(prov.pick('preStop', ['platform', 5], ['app', 0])).toBe(0);
    expect(prov.pick('suspend', ['platform', true], ['override', false])).toBe(false);
    expect(prov.pick('service', ['platform', 'x'], ['app', ''])).toBe('');
    expect(prov.origins).toEqual({ preStop: 'app', suspend: 'override', service: 'app' });
  });

  test('throws a bug error when no layer sets a required value', () => {
    expect(() => new Provenance().pick('port', ['platform', undefined], ['app', undefined])).toThrow(
      "bug: no layer sets 'port' and the platform has no default",
    );
  });

  test('returns undefined and records nothing for an optional value no layer sets', () => {
    const prov = new Provenance();
    expect(prov.pickOptional('cpuLimit', ['platform', undefined], ['app', undefined])).toBeUndefined();
    expect(prov.origins).toEqual({});
  });

  test('merges records key by key, each key remembering its layer', () => {
    const prov = new Provenance();
    const merged = prov.merge('env', ['environment', { A: '1', B: '1' }], ['app', { B: '2', C: '2' }], ['override', undefined], ['override', { C: '3' }]);
    expect(merged).toEqual({ A: '1', B: '2', C: '3' });
    expect(prov.origins).toEqual({ 'env.A': 'environment', 'env.B': 'app', 'env.C': 'override' });
  });
});
