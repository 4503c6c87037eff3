import { KubernetesSchemas } from '../../../lib/policy/schema/kubernetes-schemas';

const schemas = KubernetesSchemas.shared();
const secret = (data: Record<string, string>): unknown => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
const service = (port: number): unknown => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port }] } });

describe('OpenAPI formats in the precompiled validators', () => {
  test('int32: a port past 2^31 - 1 is rejected', () => {
    expect(schemas.validate(service(2 ** 31 - 1))).toEqual([]);
    expect(schemas.validate(service(2 ** 31))).toEqual([{ field: 'spec.ports[0].port', message: 'must be an int32 value (got 2147483648)' }]);
  });

  test('byte: Secret data must be base64', () => {
    expect(schemas.validate(secret({ token: 'aGVsbG8=' }))).toEqual([]);
    expect(schemas.validate(secret({ token: 'not base64!' }))).toEqual([{ field: 'data.token', message: 'must be a byte value (got "not base64!")' }]);
  });
});
