import { Manifest } from '../../../lib/manifest/manifest';
import { appNamespace } from '../../../lib/policy/rules/app-namespace';
import { noClusterScopedObjects } from '../../../lib/policy/rules/no-cluster-scoped-objects';
import { rbacLeastPrivilege } from '../../../lib/policy/rules/rbac-least-privilege';
import { CheckedApp } from '../../../lib/policy/run-checks';
import { check, findingsOf } from '../policy-helpers';

const NAMESPACE: Manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
const APPLICATION: Manifest = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'prod-shop', namespace: 'argocd' } };
const ADMIN_BINDING = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'web-admin', namespace: 'shop' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
} as Manifest;

function app(manifests: Manifest[], owner: { platform?: boolean; namespace?: string }): CheckedApp {
  return { app: { name: 'web', environment: 'prod', source: 'apps/shop/web.ts', ...owner }, manifests };
}

describe('what an app may create', () => {
  test("the platform's own Namespace and Argo CD Application pass, though one is cluster-scoped and the other in argocd", () => {
    const report = check([app([NAMESPACE, APPLICATION], { platform: true })], [noClusterScopedObjects, appNamespace]);
    expect(report.findings).toEqual([]);
  });

  test('an app that creates a Namespace is reported', () => {
    const report = check([app([NAMESPACE], { namespace: 'shop' })], [noClusterScopedObjects]);
    expect(findingsOf(report, 'no-cluster-scoped-objects').map((f) => f.message)).toEqual([
      "Namespace 'shop' is cluster-scoped; an app may create objects in its own namespace only",
    ]);
  });

  test('a RoleBinding to cluster-admin is reported, even inside the namespace', () => {
    const report = check([app([ADMIN_BINDING], { namespace: 'shop' })], [rbacLeastPrivilege]);
    expect(findingsOf(report, 'rbac-least-privilege').map((f) => [f.field, f.message])).toEqual([
      ['roleRef.name', "RoleBinding 'web-admin' binds ClusterRole 'cluster-admin'"],
    ]);
  });

  test("an app's object without a namespace is reported when the app's namespace is known", () => {
    const sa: Manifest = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } };
    const report = check([app([sa], { namespace: 'shop' })], [appNamespace]);
    expect(findingsOf(report, 'app-namespace').map((f) => f.message)).toEqual(["the object is in namespace '(none)', not the app's namespace 'shop'"]);
  });
});
