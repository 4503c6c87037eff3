import { containersOf, podTemplateOf, PodTemplates } from '../../lib/manifest/pod-template';
import { Manifest } from '../../lib/manifest/manifest';

const deployment = (): Manifest & { spec: { template: unknown } } => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a' }] } } },
});

describe('pod templates of checked objects', () => {
  test('are read afresh by the plain functions, so a changed object is never described by its old self', () => {
    const d = deployment();
    expect(containersOf(podTemplateOf(d)!).map((c) => c.container.name)).toEqual(['a']);
    d.spec.template = { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'b' }] } };
    expect(podTemplateOf(d)!.labels).toEqual({ app: 'api' });
    expect(containersOf(podTemplateOf(d)!).map((c) => c.container.name)).toEqual(['b']);
  });

  test('are remembered per object by one reader (one check run), and read afresh by the next', () => {
    const d = deployment();
    const run1 = new PodTemplates();
    const first = run1.of(d)!;
    expect(run1.of(d)).toBe(first);
    expect(run1.containersOf(first)).toBe(run1.containersOf(first));

    d.spec.template = { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'b' }] } };
    const run2 = new PodTemplates();
    expect(run2.of(d)!.labels).toEqual({ app: 'api' });
    expect(run2.containersOf(run2.of(d)!).map((c) => c.container.name)).toEqual(['b']);
  });
});
