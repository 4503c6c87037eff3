import { webDef, workerDef } from '../../helpers';
import { appTree, craftedTree, flagged, review } from '../tree-fixtures';

describe('deletions', () => {
  test('flags every object of a removed app', () => {
    const before = appTree([webDef({ name: 'web' }), workerDef({ name: 'mailer' })]);
    const after = appTree([webDef({ name: 'web' })]);
    expect(flagged(review(before, after), 'deletion/object')).toEqual([
      'ServiceAccount shop/mailer: deleted: Argo CD prunes it from the cluster',
      'NetworkPolicy shop/mailer: deleted: Argo CD prunes it from the cluster',
      'Deployment shop/mailer: deleted: Argo CD prunes it from the cluster',
      'PodDisruptionBudget shop/mailer: deleted: Argo CD prunes it from the cluster',
    ]);
  });

  test('says what deleting a namespace takes with it', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    expect(flagged(review(craftedTree({ 'prod/shop/_namespace.yaml': [ns] }), craftedTree({})), 'deletion/object')).toEqual([
      'Namespace shop: deleted: Argo CD prunes it from the cluster; deletes everything in the namespace',
    ]);
  });

  test('raises nothing when nothing is removed', () => {
    const before = appTree([webDef({ name: 'web' })]);
    expect(review(before, appTree([webDef({ name: 'web' }), workerDef({ name: 'mailer' })])).risks.filter((r) => r.family === 'deletion')).toEqual([]);
  });
});
