import { containersOf, podTemplateOf, rememberingPodTemplates } from '../../lib/manifest/pod-template';
import { Manifest } from '../../lib/manifest/manifest';

const deployment = (): Manifest & { spec: any } => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a' }] } } },
});

describe('pod templates of checked objects', () => {
  test('are read afresh outside a check run, so a changed object is never described by its old self', () => {
    const d = deployment();
    expect(containersOf(podTemplateOf(d)!).map((c) => c.container.name)).toEqual(['a']);
    d.spec.template = { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'b' }] } };
    expect(podTemplateOf(d)!.labels).toEqual({ app: 'api' });
    expect(containersOf(podTemplateOf(d)!).map((c) => c.container.name)).toEqual(['b']);
  });

  test('are remembered per object while a check run lasts, and forgotten after it', () => {
    const d = deployment();
    const [first, second] = rememberingPodTemplates(() => [podTemplateOf(d), podTemplateOf(d)]);
    expect(second).toBe(first);
    expect(rememberingPodTemplates(() => podTemplateOf(d))).not.toBe(first);
  });
});
