import { ApiObject, JsonPatch } from 'cdk8s';
import { Replicas } from '../../lib/model/replicas';
import { Manifest } from '../../lib/manifest/manifest';
import { buildChart } from '../../lib/stacks/build-chart';
import { WebService } from '../../lib/stacks/web-service';
import { Worker } from '../../lib/stacks/worker';
import { find, kinds, resolve, synthApp, webDef } from '../helpers';
import { cdk8sTraces, standardLabels } from './stack-checks';
import { resolvedWebService, resolvedWorker } from '../fixtures/resolved-app';

const SELECTOR = { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' };
const autoscaledWithConfig = () => webDef({ replicas: Replicas.autoscale({ min: 2, max: 10 }), config: { API_URL: 'https://api.test' } });

describe('WebService: objects', () => {
  test('creates a ServiceAccount, NetworkPolicy, Deployment, Service and PDB by default', () => {
    expect(kinds(synthApp(webDef()))).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
  });

  test('adds an HPA when autoscaled and a ConfigMap when configured', () => {
    expect(kinds(synthApp(autoscaledWithConfig()))).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]);
  });

  test("names every object after the app, in the team's namespace", () => {
    const manifests = synthApp(autoscaledWithConfig());
    expect(manifests).toHaveLength(7);
    expect(manifests.map((m) => m.metadata.name)).toEqual(manifests.map(() => 'checkout'));
    expect(manifests.map((m) => m.metadata.namespace)).toEqual(manifests.map(() => 'shop'));
  });

  test('never hash-suffixes a name, even a long one', () => {
    const name = 'a'.repeat(63);
    const manifests = synthApp(webDef({ name, config: { A: '1' } }));
    expect(new Set(manifests.map((m) => m.metadata.name))).toEqual(new Set([name]));
  });

  test('leaves no cdk8s.io label or annotation anywhere', () => {
    expect(cdk8sTraces(synthApp(autoscaledWithConfig()))).toEqual([]);
  });

  test('labels every object with the standard labels and the team, and nothing else', () => {
    for (const m of synthApp(autoscaledWithConfig())) {
      expect(m.metadata.labels).toEqual(standardLabels('checkout', 'server', '1.2.3'));
    }
  });

  test('annotates every object with its source file', () => {
    for (const m of synthApp(autoscaledWithConfig())) {
      expect(m.metadata.annotations).toEqual({ 'platform.golden-path.dev/source': 'apps/shop/checkout.ts' });
    }
  });

  test('selects pods by name and instance only, never by version', () => {
    const manifests = synthApp(webDef());
    expect(find(manifests, 'Deployment', 'checkout').spec.selector.matchLabels).toEqual(SELECTOR);
    expect(find(manifests, 'Service', 'checkout').spec.selector).toEqual(SELECTOR);
    expect(find(manifests, 'PodDisruptionBudget', 'checkout').spec.selector.matchLabels).toEqual(SELECTOR);
    expect(find(manifests, 'NetworkPolicy', 'checkout').spec.podSelector.matchLabels).toEqual(SELECTOR);
  });

  test('keeps its selectors when the release changes the version', () => {
    const before = synthApp(webDef());
    const after = synthApp(webDef({ image: 'ghcr.io/acme/checkout:1.2.4' }));
    expect(find(after, 'Deployment', 'checkout').spec.selector).toEqual(find(before, 'Deployment', 'checkout').spec.selector);
    expect(find(after, 'Deployment', 'checkout').metadata.labels['app.kubernetes.io/version']).toBe('1.2.4');
  });
});

describe('WebService: fields', () => {
  test('never drops below the desired count during a rollout (maxUnavailable 0)', () => {
    expect(find(synthApp(webDef()), 'Deployment', 'checkout').spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  test('sets Deployment replicas when fixed', () => {
    expect(find(synthApp(webDef({ replicas: Replicas.fixed(3) })), 'Deployment', 'checkout').spec.replicas).toBe(3);
  });

  test('leaves Deployment replicas out when autoscaled, and the HPA holds the bounds and CPU target', () => {
    const manifests = synthApp(autoscaledWithConfig());
    expect(find(manifests, 'Deployment', 'checkout').spec).not.toHaveProperty('replicas');
    const hpa = find(manifests, 'HorizontalPodAutoscaler', 'checkout');
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBe(10);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  test('always allows one eviction (PDB maxUnavailable 1)', () => {
    expect(find(synthApp(webDef()), 'PodDisruptionBudget', 'checkout').spec.maxUnavailable).toBe(1);
  });

  test('exposes the serving port by name with its appProtocol', () => {
    expect(find(synthApp(webDef()), 'Service', 'checkout').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
    ]);
  });
});

describe('WebService: public fields', () => {
  const built = buildChart(resolve(autoscaledWithConfig()));
  const stack = built.stack as WebService;
  const manifests = built.chart.toJson() as Manifest[];

  test('is the WebService stack', () => {
    expect(stack).toBeInstanceOf(WebService);
  });

  test.each<[keyof WebService, string]>([
    ['deployment', 'Deployment'],
    ['service', 'Service'],
    ['autoscaler', 'HorizontalPodAutoscaler'],
    ['disruptionBudget', 'PodDisruptionBudget'],
    ['serviceAccount', 'ServiceAccount'],
    ['networkPolicy', 'NetworkPolicy'],
    ['configMap', 'ConfigMap'],
  ])('exposes the synthesized %s', (field, kind) => {
    const object = stack[field] as ApiObject;
    expect(object.kind).toBe(kind);
    expect(object.toJson()).toEqual(find(manifests, kind, 'checkout'));
  });

  test('keeps its construct ids, which are part of the public contract', () => {
    expect(
      [stack.deployment, stack.service, stack.autoscaler!, stack.disruptionBudget, stack.serviceAccount, stack.networkPolicy, stack.configMap!].map(
        (c) => c.node.id,
      ),
    ).toEqual(['deployment', 'service', 'autoscaler', 'disruption-budget', 'service-account', 'network-policy', 'config']);
  });

  test('has no autoscaler or ConfigMap field when there are none', () => {
    const plain = buildChart(resolvedWebService()).stack as WebService;
    expect(plain.autoscaler).toBeUndefined();
    expect(plain.configMap).toBeUndefined();
  });

  test('shows a JSON patch on stack.deployment in the output (the escape hatch)', () => {
    const { chart, stack: patched } = buildChart(resolvedWebService());
    (patched as WebService).deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'critical'));
    expect(find(chart.toJson() as Manifest[], 'Deployment', 'checkout').spec.template.spec.priorityClassName).toBe('critical');
  });

  test('refuses an app of another kind, as a bug', () => {
    const { chart } = buildChart(resolvedWebService());
    expect(() => new WebService(chart, 'other', { app: resolvedWorker() })).toThrow(
      'bug: apps/shop/mailer.ts: a worker app was given to the web-service stack',
    );
    expect(() => new Worker(chart, 'other2', { app: resolvedWebService() })).toThrow('a web-service app was given to the worker stack');
  });
});
