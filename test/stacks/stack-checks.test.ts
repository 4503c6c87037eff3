import { Manifest } from '../../lib/manifest/manifest';
import { cdk8sTraces } from './stack-checks';

describe('cdk8sTraces (the check the stack tests rely on)', () => {
  test('finds a cdk8s.io key nested deep in an object', () => {
    const manifest: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { template: { metadata: { annotations: { 'cdk8s.io/metadata.addr': 'abc' } } } },
    };
    expect(cdk8sTraces([manifest])).toEqual(['Deployment/x.spec.template.metadata.annotations.cdk8s.io/metadata.addr']);
  });

  test('finds a cdk8s.io value inside an array', () => {
    const manifest: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'b' } }, list: [{ k: 'cdk8s.io/x' }] };
    expect(cdk8sTraces([manifest])).toEqual(['ConfigMap/x.list[0].k']);
  });

  test('finds nothing in a clean object', () => {
    expect(cdk8sTraces([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } }])).toEqual([]);
  });
});
