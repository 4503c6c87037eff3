import { find, kinds, synthApp, webDef, workerDef } from '../helpers';

describe('the Service', () => {
  const service = find(synthApp(webDef()), 'Service', 'checkout');

  test('is a ClusterIP Service', () => {
    expect(service.spec.type).toBe('ClusterIP');
  });

  test('exposes the serving port and targets the container port by name', () => {
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }]);
  });

  test('declares appProtocol grpc for a gRPC service', () => {
    const grpc = find(synthApp(webDef({ protocol: 'grpc', port: 9090 })), 'Service', 'checkout');
    expect(grpc.spec.ports).toEqual([{ name: 'grpc', port: 9090, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' }]);
  });

  test('selects pods by name and instance only, never by version', () => {
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' });
    expect(service.spec.selector).not.toHaveProperty(['app.kubernetes.io/version']);
  });

  test('is not created for a worker', () => {
    expect(kinds(synthApp(workerDef()))).not.toContain('Service');
  });
});
