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

  test('exposes every serving port: its Service port to the container port by name, with its appProtocol', () => {
    const def = webDef({
      ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999 }, redis: { port: 6379, protocol: 'tcp', appProtocol: 'redis' } },
    });
    expect(find(synthApp(def), 'Service', 'checkout').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
      { name: 'grpc', port: 9999, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' },
      { name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP', appProtocol: 'redis' },
    ]);
  });

  test('declares appProtocol tcp, never http, for a tcp port', () => {
    const tcp = find(synthApp(webDef({ protocol: 'tcp', port: 5432 })), 'Service', 'checkout');
    expect(tcp.spec.ports).toEqual([{ name: 'tcp', port: 5432, targetPort: 'tcp', protocol: 'TCP', appProtocol: 'tcp' }]);
  });

  test('selects pods by name and instance only, never by version', () => {
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' });
    expect(service.spec.selector).not.toHaveProperty(['app.kubernetes.io/version']);
  });

  test('is not created for a worker', () => {
    expect(kinds(synthApp(workerDef()))).not.toContain('Service');
  });
});
