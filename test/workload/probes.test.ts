import { Health } from '../../lib/model/health';
import { find, synthApp, taskDef, webDef, workerDef } from '../helpers';
import { appContainer } from './pod';

describe('probes in the container', () => {
  const container = appContainer(synthApp(webDef()), 'Deployment', 'checkout');

  test('checks readiness over HTTP on the serving port, by name', () => {
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
  });

  test('checks liveness as a TCP connect to the serving port, less often and with a higher failure threshold than readiness', () => {
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 });
    expect(container.livenessProbe.periodSeconds).not.toBe(container.readinessProbe.periodSeconds);
    expect(container.livenessProbe.failureThreshold).not.toBe(container.readinessProbe.failureThreshold);
  });

  test('holds liveness off for ceil(startupSeconds / period) startup checks', () => {
    expect(container.startupProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 24 });
  });

  test('points every named probe port at a port the container declares', () => {
    const declared = (container.ports as { name: string }[]).map((p) => p.name);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(declared).toContain(probe.httpGet?.port ?? probe.tcpSocket.port);
    }
  });

  test('counts startup checks from the declared startup time: ceil(45 / 10) = 5', () => {
    const c = appContainer(synthApp(webDef({ health: Health.http('/healthz', { startupSeconds: 45, readinessPeriodSeconds: 10 }) })), 'Deployment', 'checkout');
    expect(c.startupProbe.failureThreshold).toBe(5);
    expect(c.startupProbe.periodSeconds).toBe(10);
  });

  test('checks gRPC health on the serving port number', () => {
    const c = appContainer(synthApp(webDef({ protocol: 'grpc', port: 9090 })), 'Deployment', 'checkout');
    expect(c.readinessProbe).toEqual({ grpc: { port: 9090, service: '' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 'grpc' });
    expect(c.ports).toEqual([{ name: 'grpc', containerPort: 9090, protocol: 'TCP' }]);
  });

  test("checks a worker's TCP health port by name", () => {
    const c = appContainer(synthApp(workerDef({ healthPort: 8081, health: Health.tcp() })), 'Deployment', 'mailer');
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'health' });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 'health' });
    expect(c.ports).toEqual([{ name: 'health', containerPort: 8081, protocol: 'TCP' }]);
  });

  test("runs a worker's exec check, and its liveness command for liveness", () => {
    const c = appContainer(synthApp(workerDef({ health: Health.exec(['/app/ready'], { livenessCommand: ['/app/alive'] }) })), 'Deployment', 'mailer');
    expect(c.readinessProbe.exec).toEqual({ command: ['/app/ready'] });
    expect(c.livenessProbe.exec).toEqual({ command: ['/app/alive'] });
    expect(c.startupProbe.exec).toEqual({ command: ['/app/alive'] });
  });

  test('sends the declared headers with an HTTP probe', () => {
    const c = appContainer(synthApp(webDef({ health: Health.http('/ready', { headers: { Host: 'shop.internal' } }) })), 'Deployment', 'checkout');
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http', httpHeaders: [{ name: 'Host', value: 'shop.internal' }] });
  });

  test('gives a worker with no health endpoint no probes, and says why on its Deployment', () => {
    const objects = synthApp(workerDef({ health: Health.none({ reason: 'load generator: serves nothing, exits on failure' }) }));
    const c = appContainer(objects, 'Deployment', 'mailer');
    expect(c).not.toHaveProperty('readinessProbe');
    expect(c).not.toHaveProperty('livenessProbe');
    expect(c).not.toHaveProperty('startupProbe');
    expect(find(objects, 'Deployment', 'mailer').metadata.annotations['platform.golden-path.dev/no-health-endpoint']).toBe(
      'load generator: serves nothing, exits on failure',
    );
  });

  test('writes no such annotation for an app with probes', () => {
    expect(find(synthApp(workerDef()), 'Deployment', 'mailer').metadata.annotations).not.toHaveProperty(['platform.golden-path.dev/no-health-endpoint']);
  });

  test('gives a scheduled task no probes', () => {
    const c = appContainer(synthApp(taskDef()), 'CronJob', 'report');
    expect(c).not.toHaveProperty('readinessProbe');
    expect(c).not.toHaveProperty('livenessProbe');
    expect(c).not.toHaveProperty('startupProbe');
  });
});
