import { webDef } from '../../helpers';
import { appTree, craftedTree, edit, flagged, review } from '../tree-fixtures';

const before = appTree([webDef({ name: 'web' })]);

describe('apply hazards', () => {
  test('flags a changed workload selector, which the API refuses', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => {
      d.spec.selector.matchLabels.tier = 'front';
      d.spec.template.metadata.labels.tier = 'front';
    });
    const [flag] = review(before, after).risks.filter((r) => r.rule === 'apply-hazard/selector');
    expect(flag.message).toBe('spec.selector changed: immutable on a Deployment, the sync fails until the object is deleted and re-created');
    expect(flag.details).toEqual(['spec.selector.matchLabels.tier: (none) -> "front"']);
  });

  test('flags a changed Service selector, which moves traffic', () => {
    const after = edit(before, 'prod', 'Service shop/web', (s) => (s.spec.selector['app.kubernetes.io/name'] = 'web-v2'));
    expect(flagged(review(before, after), 'apply-hazard/service-selector')).toEqual([
      'Service shop/web: Service selector changed: traffic moves to the pods the new selector matches',
    ]);
  });

  test('flags changed volumeClaimTemplates of a StatefulSet', () => {
    const sts = (size: string) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:1' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } }],
      },
    });
    const report = review(craftedTree({ 'prod/shop/db.yaml': [sts('10Gi')] }), craftedTree({ 'prod/shop/db.yaml': [sts('20Gi')] }));
    expect(flagged(report, 'apply-hazard/volume-claim-templates')).toEqual([
      'StatefulSet shop/db: volumeClaimTemplates changed: immutable, the sync fails; existing volumes keep their old spec until re-created',
    ]);
  });

  test('flags a renamed object as a delete and a create, and not as a deletion', () => {
    const renamed = appTree([webDef({ name: 'web-shop' })]);
    const report = review(before, renamed);
    expect(flagged(report, 'apply-hazard/renamed')).toContain(
      'Deployment shop/web-shop: renamed from Deployment shop/web: applied as a delete and a create (Argo CD prunes the old object)',
    );
    expect(report.risks.filter((r) => r.family === 'deletion')).toEqual([]);
  });

  test('flags other immutable fields', () => {
    const after = edit(before, 'prod', 'Service shop/web', (s) => (s.spec.clusterIP = 'None'));
    expect(flagged(review(before, after), 'apply-hazard/immutable-field')).toEqual([
      'Service shop/web: spec.clusterIP changed: immutable on a Service, the sync fails until the object is re-created',
    ]);
  });

  test('raises nothing for a change that applies in place', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => (d.spec.template.spec.containers[0].image = 'ghcr.io/acme/checkout:9.0.0'));
    expect(review(before, after).risks.filter((r) => r.family === 'apply-hazard')).toEqual([]);
  });
});
