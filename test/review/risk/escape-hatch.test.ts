import { JsonPatch } from 'cdk8s';
import { WebService } from '../../../lib/stacks/web-service';
import { webDef } from '../../helpers';
import { appTree, edit, review } from '../tree-fixtures';

const mesh = (value: string) => (stack: WebService) =>
  stack.deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { 'linkerd.io/inject': value }));
const configMap = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-extra' }, data });
const rules = (report: ReturnType<typeof review>) => report.risks.filter((r) => r.family === 'escape-hatch').map((r) => `${r.rule} ${r.object}: ${r.message}`);

describe('escape hatch', () => {
  const golden = appTree([webDef({ name: 'web' })]);

  test('flags an app that starts customizing its stack', () => {
    const after = appTree([webDef({ name: 'web', customize: mesh('enabled') })]);
    expect(rules(review(golden, after))).toEqual([
      'escape-hatch/started Deployment shop/web: leaves the golden path: customize changed 1 field: spec.template.metadata.annotations.linkerd.io/inject',
    ]);
  });

  test('flags a new extra object', () => {
    const after = appTree([webDef({ name: 'web', objects: [configMap({ a: '1' })] })]);
    expect(rules(review(golden, after))).toEqual(['escape-hatch/started ConfigMap shop/web-extra: new object from an escape hatch: extra object (objects)']);
  });

  test('flags a change to what a customization sets, not to the golden-path fields around it', () => {
    const before = appTree([webDef({ name: 'web', customize: mesh('enabled') })]);
    expect(rules(review(before, appTree([webDef({ name: 'web', customize: mesh('disabled') })])))).toEqual([
      'escape-hatch/changed Deployment shop/web: what the escape hatch produces changed: spec.template.metadata.annotations.linkerd.io/inject',
    ]);
    const imageBump = edit(before, 'prod', 'Deployment shop/web', (d) => (d.spec.template.spec.containers[0].image = 'ghcr.io/acme/checkout:1.2.4'));
    expect(rules(review(before, imageBump))).toEqual([]);
  });

  test('flags a changed extra object', () => {
    const before = appTree([webDef({ name: 'web', objects: [configMap({ a: '1' })] })]);
    const after = appTree([webDef({ name: 'web', objects: [configMap({ a: '2' })] })]);
    expect(rules(review(before, after))).toEqual(['escape-hatch/changed ConfigMap shop/web-extra: what the escape hatch produces changed: data.a']);
  });

  test('flags an app that goes back to the golden path', () => {
    const before = appTree([webDef({ name: 'web', customize: mesh('enabled'), objects: [configMap({ a: '1' })] })]);
    expect(rules(review(before, golden))).toEqual([
      'escape-hatch/stopped ConfigMap shop/web-extra: object of an escape hatch removed (was: extra object (objects))',
      'escape-hatch/stopped Deployment shop/web: back on the golden path (was: customize changed 1 field: spec.template.metadata.annotations.linkerd.io/inject)',
    ]);
  });

  test('says nothing for apps on the golden path', () => {
    const after = edit(golden, 'prod', 'Deployment shop/web', (d) => (d.spec.template.spec.containers[0].image = 'ghcr.io/acme/checkout:1.2.4'));
    expect(rules(review(golden, after))).toEqual([]);
  });
});
