import { Manifest } from '../../manifest/manifest';
import { ObjectRule, Violation } from '../rule';

interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
}

/** Roles that grant (nearly) everything: binding one makes the subject a cluster administrator. */
const ADMIN_ROLES = new Set(['cluster-admin', 'admin']);

export const rbacLeastPrivilege: ObjectRule = {
  id: 'rbac-least-privilege',
  scope: 'object',
  severity: 'error',
  finding: 'a role grants wildcard verbs or resources, or a binding grants an administrator role',
  why: 'a wildcard or an administrator role lets a compromised pod read every Secret and change any object, well beyond what the app needs',
  fix: "list the verbs and resources the app uses (e.g. verbs: ['get', 'list'] on resources: ['configmaps']), and bind that Role",
  admission: { synthOnly: 'needs to know which app rendered the object, which the cluster does not' },
  check: (object) => {
    if ((object.kind === 'Role' || object.kind === 'ClusterRole') && object.apiVersion.startsWith('rbac.authorization.k8s.io/')) return wildcards(object);
    if ((object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && object.apiVersion.startsWith('rbac.authorization.k8s.io/')) {
      const ref = (object as { roleRef?: { kind?: string; name?: string } }).roleRef;
      if (ref?.kind === 'ClusterRole' && ADMIN_ROLES.has(ref.name ?? ''))
        return [{ field: 'roleRef.name', message: `${object.kind} '${object.metadata.name}' binds ClusterRole '${ref.name}'` }];
    }
    return [];
  },
};

function wildcards(role: Manifest): Violation[] {
  const rules = (role as { rules?: readonly PolicyRule[] }).rules ?? [];
  const found: Violation[] = [];
  rules.forEach((rule, i) => {
    for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
      if ((rule[field] ?? []).includes('*'))
        found.push({ field: `rules[${i}].${field}`, message: `${role.kind} '${role.metadata.name}' grants '*' in rules[${i}].${field}` });
    }
  });
  return found;
}
