import { find, kinds, synthApp, testEnvironment, webDef, workerDef } from '../helpers';
import { buildChart } from '../../lib/stacks/build-chart';
import { WebService } from '../../lib/stacks/web-service';
import { Worker } from '../../lib/stacks/worker';
import { resolve } from '../helpers';
import { resolvedWebService } from '../fixtures/resolved-app';

const web = (overrides: Record<string, unknown> = {}) => webDef({ metricsPort: 9090, ...overrides });
const worker = (overrides: Record<string, unknown> = {}) => workerDef({ metricsPort: 9090, ...overrides });

describe('ServiceMonitor', () => {
  test('a web service with a metrics port gets a ServiceMonitor selecting its Service by stable labels', () => {
    const monitor = find(synthApp(web()), 'ServiceMonitor', 'checkout');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.namespace).toBe('shop');
    expect(monitor.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/instance': 'checkout', 'app.kubernetes.io/name': 'checkout' } });
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['shop'] });
  });

  test('job is the app name, which the SLO rules select on', () => {
    expect(find(synthApp(web()), 'ServiceMonitor', 'checkout').spec.jobLabel).toBe('app.kubernetes.io/name');
  });

  test("scrapes the pods' metrics port directly; the Service does not expose it", () => {
    const manifests = synthApp(web());
    expect(find(manifests, 'ServiceMonitor', 'checkout').spec.endpoints).toEqual([{ targetPort: 'metrics', path: '/metrics', interval: '30s' }]);
    expect(find(manifests, 'Service', 'checkout').spec.ports.map((p: { name: string }) => p.name)).toEqual(['http']);
    const container = find(manifests, 'Deployment', 'checkout').spec.template.spec.containers[0];
    expect(container.ports).toContainEqual({ name: 'metrics', containerPort: 9090, protocol: 'TCP' });
  });

  test('with metricsOnService the Service exposes the metrics port and the ServiceMonitor scrapes through it', () => {
    const manifests = synthApp(web({ metricsOnService: true }));
    expect(find(manifests, 'ServiceMonitor', 'checkout').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
    expect(find(manifests, 'Service', 'checkout').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
      { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP', appProtocol: 'http' },
    ]);
  });

  test("carries the platform's monitor labels, so Prometheus selects it", () => {
    const labels = find(synthApp(web(), testEnvironment({ monitoring: { monitorLabels: { prometheus: 'main' } } })), 'ServiceMonitor', 'checkout').metadata
      .labels;
    expect(labels.prometheus).toBe('main');
    expect(labels.release).toBeUndefined();
    expect(labels['app.kubernetes.io/name']).toBe('checkout');
  });

  test('the metrics path and the environment scrape interval', () => {
    const env = testEnvironment({ monitoring: { scrapeInterval: '15s' } });
    expect(find(synthApp(web({ metricsPath: '/stats' }), env), 'ServiceMonitor', 'checkout').spec.endpoints[0]).toMatchObject({
      path: '/stats',
      interval: '15s',
    });
  });

  test('no metrics port: no ServiceMonitor, rules or dashboard, and the stack fields are empty', () => {
    expect(kinds(synthApp(webDef()))).not.toContain('ServiceMonitor');
    expect(kinds(synthApp(webDef()))).not.toContain('PrometheusRule');
    const stack = buildChart(resolvedWebService()).stack as WebService;
    expect([stack.serviceMonitor, stack.rules, stack.dashboard]).toEqual([undefined, undefined, undefined]);
  });

  test('the stack exposes each part as a public field, with stable construct ids', () => {
    const stack = buildChart(resolve(web({ slo: { availability: 99.9 } }))).stack as WebService;
    expect(stack.serviceMonitor?.node.id).toBe('service-monitor');
    expect(stack.rules?.node.id).toBe('rules');
    expect(stack.dashboard?.node.id).toBe('dashboard');
  });
});

describe('PodMonitor', () => {
  test('a worker with a metrics port gets a PodMonitor on its pods', () => {
    const monitor = find(synthApp(worker()), 'PodMonitor', 'mailer');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.spec).toEqual({
      jobLabel: 'app.kubernetes.io/name',
      namespaceSelector: { matchNames: ['shop'] },
      selector: { matchLabels: { 'app.kubernetes.io/instance': 'mailer', 'app.kubernetes.io/name': 'mailer' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
    });
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
  });

  test('a worker without a metrics port gets none, and never a ServiceMonitor', () => {
    expect(kinds(synthApp(workerDef()))).not.toContain('PodMonitor');
    expect(kinds(synthApp(worker()))).not.toContain('ServiceMonitor');
    const stack = buildChart(resolve(worker())).stack as Worker;
    expect(stack.podMonitor?.node.id).toBe('pod-monitor');
  });
});

describe('the monitoring objects of each kind of app (once asserted over the sample fleet)', () => {
  const monitoring = (manifests: ReturnType<typeof synthApp>, app: string) =>
    manifests
      .filter((m) => ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'].includes(m.kind) || (m.kind === 'ConfigMap' && m.metadata.name === `${app}-dashboard`))
      .map((m) => `${m.kind}/${m.metadata.name}`)
      .sort();

  test('a web service with a metrics port: a ServiceMonitor, its rules and a dashboard', () => {
    expect(monitoring(synthApp(web()), 'checkout')).toEqual(['ConfigMap/checkout-dashboard', 'PrometheusRule/checkout', 'ServiceMonitor/checkout']);
  });

  test('a worker with a metrics port: a PodMonitor, its rules and a dashboard', () => {
    expect(monitoring(synthApp(worker()), 'mailer')).toEqual(['ConfigMap/mailer-dashboard', 'PodMonitor/mailer', 'PrometheusRule/mailer']);
  });

  test('an app without a metrics port: none of them', () => {
    expect(monitoring(synthApp(webDef()), 'checkout')).toEqual([]);
    expect(monitoring(synthApp(workerDef()), 'mailer')).toEqual([]);
  });

  test("each carries the label its environment's Prometheus or Grafana selects", () => {
    const env = testEnvironment({
      monitoring: { monitorLabels: { prometheus: 'apps' }, ruleLabels: { rules: 'apps' }, dashboardLabels: { dashboards: 'apps' } },
    });
    const manifests = synthApp(worker(), env);
    expect(find(manifests, 'PodMonitor', 'mailer').metadata.labels).toMatchObject({ prometheus: 'apps' });
    expect(find(manifests, 'PrometheusRule', 'mailer').metadata.labels).toMatchObject({ rules: 'apps' });
    expect(find(manifests, 'ConfigMap', 'mailer-dashboard').metadata.labels).toMatchObject({ dashboards: 'apps' });
  });
});
