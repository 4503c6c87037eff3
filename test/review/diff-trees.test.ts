import { diffTrees } from '../../lib/review/diff-trees';
import { groupForDisplay } from '../../lib/review/display-groups';
import { webDef, workerDef } from '../helpers';
import { appTree, craftedTree, edit, without } from './tree-fixtures';

const before = appTree([webDef({ name: 'web' }), workerDef({ name: 'mailer' })]);

describe('diffTrees', () => {
  test('finds nothing between a tree and itself', () => {
    expect(diffTrees(before, before).objects).toEqual([]);
  });

  test('gives field-level changes of a changed object, keyed by container name', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => {
      d.spec.template.spec.containers[0].image = 'ghcr.io/acme/checkout:2.0.0';
      d.spec.revisionHistoryLimit = 3;
    });
    const [change] = diffTrees(before, after).objects;
    expect(change).toMatchObject({ status: 'changed', environment: 'prod', app: 'shop/web', file: 'prod/shop/web.yaml', id: 'Deployment shop/web' });
    expect(change.fields).toEqual([
      { path: 'spec.revisionHistoryLimit', before: 5, after: 3 },
      { path: 'spec.template.spec.containers[web].image', before: 'ghcr.io/acme/checkout:1.2.3', after: 'ghcr.io/acme/checkout:2.0.0' },
    ]);
  });

  test('marks a new field with no before and a removed field with no after', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => {
      d.spec.paused = true;
      delete d.spec.revisionHistoryLimit;
    });
    const fields = diffTrees(before, after).objects[0].fields;
    expect(fields).toEqual([
      { path: 'spec.paused', after: true },
      { path: 'spec.revisionHistoryLimit', before: 5 },
    ]);
  });

  test('lists added and removed objects without fields', () => {
    const after = without(before, 'prod', 'PodDisruptionBudget shop/mailer');
    expect(diffTrees(before, after).objects.map((d) => [d.status, d.id, d.fields.length])).toEqual([['removed', 'PodDisruptionBudget shop/mailer', 0]]);
    expect(diffTrees(after, before).objects.map((d) => [d.status, d.id])).toEqual([['added', 'PodDisruptionBudget shop/mailer']]);
  });

  test('recognises an object moved to another file', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'shop' }, data: { a: '1' } };
    const old = craftedTree({ 'prod/shop/web.yaml': [cm] });
    const fresh = craftedTree({ 'prod/shop/_namespace.yaml': [{ ...cm, data: { a: '2' } }] });
    const [moved] = diffTrees(old, fresh).objects;
    expect(moved).toMatchObject({ status: 'moved', file: 'prod/shop/_namespace.yaml', previous: { file: 'prod/shop/web.yaml', id: 'ConfigMap shop/shared' } });
    expect(moved.fields).toEqual([{ path: 'data.a', before: '1', after: '2' }]);
  });

  test('recognises a renamed app as renames', () => {
    const renamed = appTree([webDef({ name: 'web-shop' }), workerDef({ name: 'mailer' })]);
    const diff = diffTrees(before, renamed);
    expect(new Set(diff.objects.map((d) => d.status))).toEqual(new Set(['renamed']));
    const deployment = diff.objects.find((d) => d.kind === 'Deployment')!;
    expect(deployment).toMatchObject({
      id: 'Deployment shop/web-shop',
      previous: { id: 'Deployment shop/web', file: 'prod/shop/web.yaml' },
      file: 'prod/shop/web-shop.yaml',
    });
    expect(deployment.fields).toEqual([]);
  });

  test('does not take a different app for a rename, even where some of its objects look alike', () => {
    // Same image tag, so the two ServiceAccounts are identical once their names are set aside.
    const other = appTree([webDef({ name: 'orders', image: 'ghcr.io/acme/checkout:1.2.3', port: 9000 }), workerDef({ name: 'mailer' })]);
    const statuses = new Set(diffTrees(before, other).objects.map((d) => d.status));
    expect(statuses).toEqual(new Set(['added', 'removed']));
  });

  test('recognises one object renamed in place', () => {
    const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { url: 'https://example.com' } });
    const diff = diffTrees(craftedTree({ 'prod/shop/web.yaml': [cm('web-config-v1')] }), craftedTree({ 'prod/shop/web.yaml': [cm('web-config-v2')] }));
    expect(diff.objects.map((d) => [d.status, d.id, d.previous?.id])).toEqual([['renamed', 'ConfigMap shop/web-config-v2', 'ConfigMap shop/web-config-v1']]);
  });

  test('takes a renamed object with other changes for a deletion and a creation', () => {
    const cm = (name: string, url: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { url } });
    const diff = diffTrees(craftedTree({ 'prod/shop/web.yaml': [cm('a', 'x')] }), craftedTree({ 'prod/shop/web.yaml': [cm('b', 'y')] }));
    expect(diff.objects.map((d) => `${d.status} ${d.id}`)).toEqual(['removed ConfigMap shop/a', 'added ConfigMap shop/b']);
  });

  test("never shows a Secret's values, only whether they changed", () => {
    const secret = (token: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api', namespace: 'shop' }, data: { token } });
    const [change] = diffTrees(
      craftedTree({ 'prod/shop/web.yaml': [secret('c2VjcmV0')] }),
      craftedTree({ 'prod/shop/web.yaml': [secret('b3RoZXI=')] }),
    ).objects;
    expect(change.fields).toHaveLength(1);
    expect(change.fields[0].path).toBe('data.token');
    expect(change.fields[0].before).toMatch(/^\(secret value, sha256 [0-9a-f]{12}\)$/);
    expect(change.fields[0].after).not.toBe(change.fields[0].before);
    expect(JSON.stringify(change.fields)).not.toContain('c2VjcmV0');
  });

  test('orders by environment as given, then app, then the fixed object order of a file', () => {
    const envs = [
      { name: 'dev', cluster: 'd', domain: 'd.example' },
      { name: 'prod', cluster: 'p', domain: 'p.example' },
    ];
    const old = appTree([webDef({ name: 'web' })], envs);
    const fresh = appTree([webDef({ name: 'web', image: 'ghcr.io/acme/checkout:9.9.9' })], envs);
    const diff = diffTrees(old, fresh, { environmentOrder: ['prod', 'dev'] });
    expect(diff.environments).toEqual(['prod', 'dev']);
    expect(diff.objects.filter((d) => d.environment === 'prod').map((d) => d.kind)).toEqual([
      'ServiceAccount',
      'NetworkPolicy',
      'Service',
      'Deployment',
      'PodDisruptionBudget',
    ]);
    expect(diff.objects[0].environment).toBe('prod');
  });
});

describe('groupForDisplay', () => {
  test('shows a label change every changed object shares once for the app', () => {
    const fresh = appTree([webDef({ name: 'web', image: 'ghcr.io/acme/checkout:2.0.0' }), workerDef({ name: 'mailer' })]);
    const [prod] = groupForDisplay(diffTrees(before, fresh));
    const web = prod.apps.find((a) => a.app === 'shop/web')!;
    expect(web.sharedLabels).toEqual([{ path: 'app.kubernetes.io/version', before: '1.2.3', after: '2.0.0' }]);
    const deployment = web.objects.find((o) => o.diff.kind === 'Deployment')!;
    expect(deployment.fields.map((f) => f.path)).toEqual(['spec.template.spec.containers[web].image']);
    expect(web.objects.find((o) => o.diff.kind === 'Service')!.labelsOnly).toBe(true);
    expect(prod.apps.map((a) => a.app)).toEqual(['shop/web']);
  });

  test('keeps a label change on the object when not every changed object shares it', () => {
    const fresh = edit(
      edit(before, 'prod', 'Service shop/web', (s) => (s.metadata.labels.extra = 'yes')),
      'prod',
      'Deployment shop/web',
      (d) => (d.spec.revisionHistoryLimit = 2),
    );
    const [prod] = groupForDisplay(diffTrees(before, fresh));
    expect(prod.apps[0].sharedLabels).toEqual([]);
    expect(prod.apps[0].objects.find((o) => o.diff.kind === 'Service')!.fields).toEqual([{ path: 'metadata.labels.extra', after: 'yes' }]);
  });
});
