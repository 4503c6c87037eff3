import { Manifest } from '../../../../lib/manifest/manifest';
import { appNamespace } from '../../../../lib/policy/rules/app-namespace';
import { argocdProjectDestination } from '../../../../lib/policy/rules/argocd-project-destination';
import { noClusterScopedObjects } from '../../../../lib/policy/rules/no-cluster-scoped-objects';
import { rbacLeastPrivilege } from '../../../../lib/policy/rules/rbac-least-privilege';
import { edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

const RBAC = 'rbac.authorization.k8s.io/v1';

function role(verbs: string[], resources: string[]): Manifest {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name: 'checkout', namespace: 'shop' }, rules: [{ apiGroups: [''], resources, verbs }] };
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', roleRef: { kind: string; name: string }): Manifest {
  return {
    apiVersion: RBAC,
    kind,
    metadata: { name: 'checkout', ...(kind === 'RoleBinding' ? { namespace: 'shop' } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects: [{ kind: 'ServiceAccount', name: 'checkout', namespace: 'shop' }],
  };
}

function argocd(namespace: string): Manifest[] {
  const project: Manifest = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'prod-shop', namespace: 'argocd' },
    spec: { destinations: [{ name: 'prod-1', namespace: 'shop' }] },
  };
  const app: Manifest = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'prod-shop', namespace: 'argocd' },
    spec: { project: 'prod-shop', destination: { name: 'prod-1', namespace } },
  };
  return [project, app];
}

export const TRUST_BOUNDARY_CASES: readonly RuleCase[] = [
  {
    rule: noClusterScopedObjects,
    compliant: () => [...golden(), role(['get'], ['configmaps'])],
    violating: () => [...golden(), binding('ClusterRoleBinding', { kind: 'ClusterRole', name: 'view' })],
    message: "ClusterRoleBinding 'checkout' is cluster-scoped; an app may create objects in its own namespace only",
  },
  {
    rule: rbacLeastPrivilege,
    compliant: () => [...golden(), role(['get', 'list'], ['configmaps']), binding('RoleBinding', { kind: 'Role', name: 'checkout' })],
    violating: () => [...golden(), role(['*'], ['configmaps'])],
    message: "Role 'checkout' grants '*' in rules[0].verbs",
    field: 'rules[0].verbs',
  },
  {
    rule: appNamespace,
    namespace: 'shop',
    compliant: () => golden(),
    violating: () => edit(golden(), 'ServiceAccount', (s) => (s.metadata.namespace = 'payments')),
    message: "the object is in namespace 'payments', not the app's namespace 'shop'",
    field: 'metadata.namespace',
  },
  {
    rule: argocdProjectDestination,
    compliant: () => argocd('shop'),
    violating: () => argocd('kube-system'),
    message: "destination prod-1/kube-system is not among the destinations of AppProject 'prod-shop' (prod-1/shop)",
    field: 'spec.destination',
  },
];
