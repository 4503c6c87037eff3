import { EnvironmentObjects } from '../../lib/manifest/environment-objects';
import { Manifest } from '../../lib/manifest/manifest';

const object = (kind: string, namespace: string | undefined, name: string, rest: object = {}): Manifest => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
  ...rest,
});

const deployment = (namespace: string, name: string, labels: Record<string, string>): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1' }] } } },
});

const budget = (namespace: string, name: string, matchLabels: Record<string, string>): Manifest =>
  object('PodDisruptionBudget', namespace, name, { spec: { selector: { matchLabels }, minAvailable: 1 } });

describe('EnvironmentObjects', () => {
  test('finds an object by namespace, kind and name (the last one given when there are several); none of another kind or namespace', () => {
    const first = object('Service', 'shop', 'web');
    const second = object('Service', 'shop', 'web');
    const account = object('ServiceAccount', 'shop', 'web');
    const unnamespaced = object('Service', undefined, 'web');
    const index = new EnvironmentObjects([first, account, second, unnamespaced]);
    expect(index.get('shop', 'Service', 'web')).toBe(second);
    expect(index.get('shop', 'ServiceAccount', 'web')).toBe(account);
    expect(index.get('default', 'Service', 'web')).toBe(unnamespaced);
    expect(index.get('shop', 'Service', 'api')).toBeUndefined();
    expect(index.get('shop', 'ConfigMap', 'web')).toBeUndefined();
    expect(index.get('other', 'Service', 'web')).toBeUndefined();
  });

  test('lists the objects of a kind in a namespace in the order given', () => {
    const [a, b, c, d] = [object('Service', 'shop', 'a'), object('Service', 'pay', 'b'), object('ConfigMap', 'shop', 'c'), object('Service', 'shop', 'd')];
    const index = new EnvironmentObjects([a, b, c, d]);
    expect(index.inNamespace('shop', 'Service')).toEqual([a, d]);
    expect(index.inNamespace('pay', 'Service')).toEqual([b]);
    expect(index.inNamespace('pay', 'ConfigMap')).toEqual([]);
    expect(index.ofKind('Service')).toEqual([a, b, d]);
  });

  test("tells an object's place among those given, the last one for an object given twice", () => {
    const [a, b] = [object('Service', 'shop', 'a'), object('Service', 'shop', 'b')];
    const index = new EnvironmentObjects([a, b, a]);
    expect(index.indexOf(a)).toBe(2);
    expect(index.indexOf(b)).toBe(1);
    expect(index.indexOf(object('Service', 'shop', 'a'))).toBeUndefined();
  });

  test("remembers what selects a workload's pods, in the order given, and selects afresh for labels of the caller's", () => {
    const web = deployment('shop', 'web', { app: 'web', tier: 'front' });
    const [byTier, byApp, other, elsewhere] = [
      budget('shop', 'by-tier', { tier: 'front' }),
      budget('shop', 'by-app', { app: 'web' }),
      budget('shop', 'other', { app: 'api' }),
      budget('pay', 'elsewhere', { app: 'web' }),
    ];
    const index = new EnvironmentObjects([byTier, web, other, byApp, elsewhere]);
    const [workload] = index.workloads();
    const found = index.selecting('PodDisruptionBudget', 'shop', workload.pod.labels);
    expect(found).toEqual([byTier, byApp]);
    expect(index.selecting('PodDisruptionBudget', 'shop', workload.pod.labels)).toBe(found);
    expect(index.selecting('PodDisruptionBudget', 'pay', workload.pod.labels)).toEqual([elsewhere]);
    const labels: Record<string, string> = { app: 'web' };
    expect(index.selecting('PodDisruptionBudget', 'shop', labels)).toEqual([byApp]);
    labels.app = 'api';
    expect(index.selecting('PodDisruptionBudget', 'shop', labels)).toEqual([other]);
  });
});
