import { Manifest } from '../../../lib/manifest/manifest';
import { admissionObjects } from '../../../lib/policy/admission/admission-objects';
import { AdmissionApp } from '../../../lib/policy/admission/admission-waivers';
import { GOLDEN_PATH_PACK } from '../../../lib/policy/pack';
import { runChecks } from '../../../lib/policy/run-checks';
import { KubernetesSchemas } from '../../../lib/policy/schema/kubernetes-schemas';
import { resolvedEnvironment } from '../../fixtures/resolved-app';
import { testEnvironment, Untyped } from '../../helpers';
import { NOW, waiver } from '../policy-helpers';

const KYVERNO_AUDIT = resolvedEnvironment(testEnvironment({ name: 'staging' }));
const KYVERNO_DENY = resolvedEnvironment(testEnvironment({ admission: { action: 'deny' } }));
const VAP = resolvedEnvironment(testEnvironment({ admission: { engine: 'vap', vapFeatureGate: true, action: 'deny' } }));

const CHECKOUT: AdmissionApp = {
  name: 'checkout',
  namespace: 'shop',
  environment: 'prod',
  source: 'apps/shop/checkout.ts',
  waivers: [waiver('pss-privileged', { reason: 'the GPU driver needs the host devices until v2' })],
};

function byName(objects: readonly Manifest[], kind: string, name: string): Untyped {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind} ${o.metadata.name}`).join(', ')}`);
  return found as Untyped;
}

describe('Kyverno ValidatingPolicies', () => {
  const audit = admissionObjects(KYVERNO_AUDIT, [], GOLDEN_PATH_PACK, NOW);
  const deny = admissionObjects(KYVERNO_DENY, [], GOLDEN_PATH_PACK, NOW);

  test('one policy per CEL rule, named after the rule', () => {
    expect(audit.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toContain('policies.kyverno.io/v1 ValidatingPolicy golden-path-pss-privileged');
    expect(audit).toHaveLength(26);
  });

  test('audit warns and records; deny refuses error rules and only audits warning rules', () => {
    expect(byName(audit, 'ValidatingPolicy', 'golden-path-pss-privileged').spec.validationActions).toEqual(['Audit', 'Warn']);
    expect(byName(deny, 'ValidatingPolicy', 'golden-path-pss-privileged').spec.validationActions).toEqual(['Deny', 'Audit']);
    expect(byName(deny, 'ValidatingPolicy', 'golden-path-read-only-root-filesystem').spec.validationActions).toEqual(['Audit', 'Warn']);
  });

  test("match pods and every pod-owning kind in the platform's namespaces, never the system ones", () => {
    const spec = byName(audit, 'ValidatingPolicy', 'golden-path-pss-privileged').spec;
    expect(spec.matchConstraints).toEqual({
      namespaceSelector: {
        matchLabels: { 'app.kubernetes.io/managed-by': 'golden-path' },
        matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-node-lease', 'kube-public', 'kube-system'] }],
      },
      resourceRules: [
        { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'replicationcontrollers'] },
        { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
        { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['cronjobs', 'jobs'] },
      ],
    });
    expect(spec.autogen).toEqual({ podControllers: { controllers: [] } });
  });

  test('a rule that also covers ServiceAccounts matches them too', () => {
    const rules = byName(audit, 'ValidatingPolicy', 'golden-path-service-account-token').spec.matchConstraints.resourceRules;
    expect(rules[0].resources).toEqual(['pods', 'replicationcontrollers', 'serviceaccounts']);
  });

  test('the message names the rule id, the finding and the fix', () => {
    expect(byName(audit, 'ValidatingPolicy', 'golden-path-pss-privileged').spec.validations[0].message).toBe(
      'pss-privileged: a container runs privileged. Fix: remove securityContext.privileged (the golden-path pod never sets it)',
    );
  });
});

describe('waivers at admission', () => {
  test('become a PolicyException in the exception namespace, scoped to the app and annotated', () => {
    const objects = admissionObjects(KYVERNO_DENY, [CHECKOUT], GOLDEN_PATH_PACK, NOW);
    const exception = byName(objects, 'PolicyException', 'shop-checkout-pss-privileged');
    expect(exception.metadata.namespace).toBe('kyverno');
    expect(exception.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-wave': '-1',
      'platform.golden-path.dev/rule': 'pss-privileged',
      'platform.golden-path.dev/waiver-expires': '2025-12-31',
      'platform.golden-path.dev/waiver-owner': 'team-shop',
      'platform.golden-path.dev/waiver-reason': 'the GPU driver needs the host devices until v2',
      'platform.golden-path.dev/waiver-source': 'apps/shop/checkout.ts',
    });
    expect(exception.spec).toEqual({
      policyRefs: [{ name: 'golden-path-pss-privileged', kind: 'ValidatingPolicy' }],
      matchConditions: [
        {
          name: 'waived-app',
          expression:
            'object.metadata.namespace == "shop" && has(object.metadata.labels) && "app.kubernetes.io/name" in object.metadata.labels && object.metadata.labels["app.kubernetes.io/name"] == "checkout"',
        },
      ],
      expiresAt: '2025-12-31T23:59:59Z',
    });
  });

  test('a waiver naming an object covers it and the pods its controller makes', () => {
    const app = { ...CHECKOUT, waivers: [waiver('pss-privileged', { object: { kind: 'Deployment', name: 'checkout' } })] };
    const exception = byName(
      admissionObjects(KYVERNO_DENY, [app], GOLDEN_PATH_PACK, NOW),
      'PolicyException',
      'shop-checkout-pss-privileged-deployment-checkout',
    );
    expect(exception.spec.matchConditions[0].expression).toContain(
      '((object.kind == "Deployment" && object.metadata.name == "checkout") || object.kind in ["ReplicaSet", "Pod"])',
    );
  });

  test('an expired waiver, one for another environment and one of a synth-only rule give nothing', () => {
    const app = {
      ...CHECKOUT,
      waivers: [
        waiver('pss-privileged', { expires: '2025-06-14' }),
        waiver('pss-privileged', { environment: 'dev' }),
        waiver('pdb-coverage'),
        waiver('memory-limit'),
      ],
    };
    expect(admissionObjects(KYVERNO_DENY, [app], GOLDEN_PATH_PACK, NOW).filter((o) => o.kind === 'PolicyException')).toEqual([]);
  });

  test('a waiver that expires today still holds today', () => {
    const app = { ...CHECKOUT, waivers: [waiver('pss-privileged', { expires: '2025-06-15' })] };
    expect(admissionObjects(KYVERNO_DENY, [app], GOLDEN_PATH_PACK, NOW).filter((o) => o.kind === 'PolicyException')).toHaveLength(1);
  });
});

describe('ValidatingAdmissionPolicy', () => {
  const objects = admissionObjects(VAP, [CHECKOUT], GOLDEN_PATH_PACK, NOW);

  test('a policy and its bindings per CEL rule, v1beta1 on Kubernetes 1.28 with the feature gate', () => {
    const policy = byName(objects, 'ValidatingAdmissionPolicy', 'golden-path-pss-privileged');
    expect(policy.apiVersion).toBe('admissionregistration.k8s.io/v1beta1');
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy')).toHaveLength(26);
    expect(objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding')).toHaveLength(27);
  });

  test("a rule without waivers binds every platform namespace with the environment's action", () => {
    expect(byName(objects, 'ValidatingAdmissionPolicyBinding', 'golden-path-pss-host-path').spec).toEqual({
      policyName: 'golden-path-pss-host-path',
      validationActions: ['Deny', 'Audit'],
      matchResources: {
        namespaceSelector: {
          matchLabels: { 'app.kubernetes.io/managed-by': 'golden-path' },
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-node-lease', 'kube-public', 'kube-system'] }],
        },
      },
    });
  });

  test("a waived rule's bindings leave out exactly the waived app's objects", () => {
    expect(byName(objects, 'ValidatingAdmissionPolicyBinding', 'golden-path-pss-privileged').spec.matchResources.namespaceSelector.matchExpressions).toEqual([
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-node-lease', 'kube-public', 'kube-system'] },
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['shop'] },
    ]);
    const shop = byName(objects, 'ValidatingAdmissionPolicyBinding', 'golden-path-pss-privileged-shop');
    expect(shop.spec.matchResources).toEqual({
      namespaceSelector: {
        matchLabels: { 'app.kubernetes.io/managed-by': 'golden-path' },
        matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }],
      },
      objectSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['checkout'] }] },
    });
    expect(shop.metadata.annotations).toMatchObject({
      'platform.golden-path.dev/waiver-reason': 'checkout: the GPU driver needs the host devices until v2',
      'platform.golden-path.dev/waiver-owner': 'checkout: team-shop',
      'platform.golden-path.dev/waiver-expires': 'checkout: 2025-12-31',
    });
  });
});

test("engine 'none' emits nothing", () => {
  expect(admissionObjects(resolvedEnvironment(testEnvironment({ admission: { engine: 'none' } })), [CHECKOUT], GOLDEN_PATH_PACK, NOW)).toEqual([]);
});

describe.each([
  ['Kyverno', KYVERNO_DENY],
  ['ValidatingAdmissionPolicy', VAP],
])('every emitted %s object', (_engine, env) => {
  const objects = admissionObjects(env, [CHECKOUT], GOLDEN_PATH_PACK, NOW);

  test('is schema-valid (pinned Kyverno CRDs, Kubernetes 1.28 definitions)', () => {
    const schemas = KubernetesSchemas.shared();
    expect(objects.flatMap((o) => schemas.validate(o).map((p) => `${o.kind} ${o.metadata.name}: ${p.field ?? ''} ${p.message}`))).toEqual([]);
  });

  test("passes the pack's own rules, as the platform's objects", () => {
    const report = runChecks(
      [{ app: { name: 'prod/_platform/admission.yaml', environment: 'prod', source: 'apps/environments.ts', platform: true }, manifests: objects }],
      {
        now: NOW,
        rules: GOLDEN_PATH_PACK,
        schema: true,
        productionEnvironments: ['prod'],
      },
    );
    expect(report.findings.map((f) => `${f.rule}: ${f.object.kind} ${f.object.name}: ${f.message}`)).toEqual([]);
  });
});
