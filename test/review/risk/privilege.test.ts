import { WAIVER_ANNOTATION_PREFIX } from '../../../lib/review/risk/privilege';
import { webDef, workerDef } from '../../helpers';
import { appTree, craftedTree, edit, flagged, review } from '../tree-fixtures';

const before = appTree([webDef({ name: 'web' })]);
const privilege = (report: ReturnType<typeof review>) => report.risks.filter((r) => r.family === 'privilege');

describe('privilege increased', () => {
  test('flags capabilities added by an opt-out', () => {
    const after = appTree([webDef({ name: 'web', security: { bindPrivilegedPorts: true } })]);
    expect(flagged(review(before, after), 'privilege/capabilities')).toEqual(["Deployment shop/web: container 'web': adds capabilities NET_BIND_SERVICE"]);
  });

  test('flags a loosened security context, naming each setting', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => {
      const sc = d.spec.template.spec.containers[0].securityContext;
      sc.readOnlyRootFilesystem = false;
      sc.allowPrivilegeEscalation = true;
      sc.runAsUser = 0;
      sc.capabilities.drop = [];
      sc.seccompProfile = { type: 'Unconfined' };
    });
    expect(flagged(review(before, after), 'privilege/security-context')).toEqual([
      "Deployment shop/web: container 'web': allows privilege escalation; root filesystem is writable; runs as UID 0 (root); seccomp RuntimeDefault -> Unconfined; no longer drops ALL capabilities",
    ]);
  });

  test('reads the pod-level setting where the container has none', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => {
      delete d.spec.template.spec.containers[0].securityContext.runAsNonRoot;
      d.spec.template.spec.securityContext.runAsNonRoot = false;
    });
    expect(flagged(review(before, after), 'privilege/security-context')).toEqual(["Deployment shop/web: container 'web': runAsNonRoot is off"]);
  });

  test('flags host access and a mounted service-account token', () => {
    const after = edit(before, 'prod', 'Deployment shop/web', (d) => {
      d.spec.template.spec.hostNetwork = true;
      d.spec.template.spec.automountServiceAccountToken = true;
    });
    const report = review(before, after);
    expect(flagged(report, 'privilege/host-access')).toEqual(['Deployment shop/web: pods get host access: hostNetwork']);
    expect(flagged(report, 'privilege/service-account-token')).toEqual([
      'Deployment shop/web: pods mount the service-account token (automountServiceAccountToken is not false)',
    ]);
  });

  test('compares a new app with the restricted profile: nothing for a golden-path app, its opt-outs otherwise', () => {
    expect(privilege(review(before, appTree([webDef({ name: 'web' }), workerDef({ name: 'mailer' })])))).toEqual([]);
    const after = appTree([webDef({ name: 'web' }), workerDef({ name: 'mailer', security: { writableRootFilesystem: true } })]);
    expect(flagged(review(before, after), 'privilege/security-context')).toEqual(["Deployment shop/mailer: container 'mailer': root filesystem is writable"]);
  });

  test('does not flag a tightened security context', () => {
    const loose = appTree([webDef({ name: 'web', security: { bindPrivilegedPorts: true, writableRootFilesystem: true } })]);
    expect(privilege(review(loose, before))).toEqual([]);
  });

  test(`flags a waiver added as a '${WAIVER_ANNOTATION_PREFIX}…' annotation, and not one already there`, () => {
    const key = `${WAIVER_ANNOTATION_PREFIX}.read-only-root-filesystem`;
    const waived = edit(before, 'prod', 'Deployment shop/web', (d) => (d.metadata.annotations[key] = 'writes a cache to disk; expires 2099-01-01'));
    expect(flagged(review(before, waived), 'privilege/waiver')).toEqual([
      `Deployment shop/web: policy waiver added: ${key}: writes a cache to disk; expires 2099-01-01`,
    ]);
    expect(flagged(review(waived, waived), 'privilege/waiver')).toEqual([]);
  });

  test('flags RBAC rules and bindings that grant more', () => {
    const role = (verbs: string[]) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'web', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs }],
    });
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'web', namespace: 'shop' },
      roleRef: { kind: 'Role', name: 'web' },
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
    };
    const report = review(craftedTree({ 'prod/shop/web.yaml': [role(['get'])] }), craftedTree({ 'prod/shop/web.yaml': [role(['get', 'list']), binding] }));
    expect(flagged(report, 'privilege/rbac')).toEqual([
      'Role shop/web: Role grants more: get/list on secrets',
      'RoleBinding shop/web: RoleBinding binds Role web to ServiceAccount shop/web',
    ]);
  });
});
