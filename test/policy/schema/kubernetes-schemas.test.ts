import { KubernetesSchemas } from '../../../lib/policy/schema/kubernetes-schemas';
import { taskDef, Untyped, webDef, workerDef } from '../../helpers';
import { container, edit, golden } from '../policy-helpers';

const schemas = KubernetesSchemas.shared();

function deployment(change: (d: Untyped) => void): unknown {
  return edit(golden(), 'Deployment', change).find((m) => m.kind === 'Deployment');
}

describe('Kubernetes schemas', () => {
  test('represent Kubernetes 1.28.0, as the generated schema file records', () => {
    expect(schemas.kubernetesVersion).toBe('1.28.0');
    // The report states the version without loading the file: the file must say the same.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require('../../../lib/policy/schema/data/k8s-1.28-schemas.json') as { kubernetesVersion: string }).kubernetesVersion).toBe('1.28.0');
  });

  test('accept every object the golden-path stacks synthesize', () => {
    for (const object of [...golden(webDef({ config: { A: 'b' } })), ...golden(workerDef()), ...golden(taskDef())]) {
      expect({ kind: object.kind, problems: schemas.validate(object) }).toEqual({ kind: object.kind, problems: [] });
    }
  });

  test('catch a wrong type', () => {
    expect(schemas.validate(deployment((d) => (d.spec.replicas = '3')))).toEqual([{ field: 'spec.replicas', message: 'must be an integer (got "3")' }]);
  });

  test('catch an unknown field, however deep (strict: nothing is silently dropped)', () => {
    expect(schemas.validate(deployment((d) => (container(d).imagePullPolicyy = 'Always')))).toEqual([
      { field: 'spec.template.spec.containers[0].imagePullPolicyy', message: "unknown field 'imagePullPolicyy'" },
    ]);
  });

  test('reject a status: the controllers write it, a manifest never should', () => {
    expect(schemas.validate(deployment((d) => (d.status = { replicas: 1 })))).toEqual([{ field: 'status', message: "unknown field 'status'" }]);
  });

  test('catch a missing required field', () => {
    expect(schemas.validate(deployment((d) => delete container(d).name))).toEqual([
      { field: 'spec.template.spec.containers[0].name', message: "missing required field 'name'" },
    ]);
  });

  test('catch a removed API version, naming its replacement', () => {
    const pdb = edit(golden(), 'PodDisruptionBudget', (p) => (p.apiVersion = 'policy/v1beta1')).find((m) => m.kind === 'PodDisruptionBudget');
    expect(schemas.validate(pdb)).toEqual([
      { field: 'apiVersion', message: 'no schema for policy/v1beta1 PodDisruptionBudget: removed in Kubernetes 1.25; use policy/v1' },
    ]);
  });

  test('reject a kind they have no schema for, rather than pass it', () => {
    expect(schemas.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })[0].message).toContain(
      'no schema for example.com/v1 Widget in Kubernetes 1.28',
    );
    expect(schemas.validate({ apiVersion: 'autoscaling/v2', kind: 'Autoscaler', metadata: { name: 'a' } })[0].message).toContain(
      'no schema for autoscaling/v2 Autoscaler',
    );
    expect(schemas.validate({ kind: 'Deployment' })).toEqual([{ message: 'has no apiVersion and kind, so it is not a Kubernetes object' }]);
  });

  test('say which versions of a kind exist when the version is wrong', () => {
    expect(schemas.validate({ apiVersion: 'monitoring.coreos.com/v1beta1', kind: 'ServiceMonitor', metadata: { name: 'x' } })[0].message).toContain(
      'ServiceMonitor is known as monitoring.coreos.com/v1',
    );
  });

  test('take an IntOrString as either, and say so when it is neither', () => {
    expect(schemas.validate(deployment((d) => (d.spec.strategy.rollingUpdate.maxSurge = 1)))).toEqual([]);
    expect(schemas.validate(deployment((d) => (d.spec.strategy.rollingUpdate.maxSurge = true)))).toEqual([
      { field: 'spec.strategy.rollingUpdate.maxSurge', message: 'must be a string or an integer (got true)' },
    ]);
  });

  test('check label value types (the 1.28 core definitions carry no enums; CRDs do, see below)', () => {
    expect(schemas.validate(deployment((d) => (d.metadata.labels['app.kubernetes.io/version'] = 2)))).toEqual([
      { field: 'metadata.labels["app.kubernetes.io/version"]', message: 'must be a string (got 2)' },
    ]);
  });

  test.each([
    ['monitoring.coreos.com/v1', 'ServiceMonitor', { selector: {}, endpoints: [{ port: 'http', scrapeEvery: '30s' }] }, 'spec.endpoints[0].scrapeEvery'],
    ['monitoring.coreos.com/v1', 'PodMonitor', { selector: {}, podMetricsEndpoints: [{ port: 'http', foo: 1 }] }, 'spec.podMetricsEndpoints[0].foo'],
    [
      'monitoring.coreos.com/v1',
      'PrometheusRule',
      { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', severity: 'page' }] }] },
      'spec.groups[0].rules[0].severity',
    ],
    ['external-secrets.io/v1', 'ExternalSecret', { secretStoreRef: { name: 'vault', kind: 'SecretStore' }, target: { name: 's' }, datta: [] }, 'spec.datta'],
    ['cert-manager.io/v1', 'Certificate', { secretName: 's', issuerRef: { name: 'le' }, dnsNames: ['a.example'], domains: [] }, 'spec.domains'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute', { rules: [{ backendRefs: [{ name: 'svc', port: 80, weigth: 1 }] }] }, 'spec.rules[0].backendRefs[0].weigth'],
    [
      'argoproj.io/v1alpha1',
      'Application',
      { project: 'default', destination: { server: 'https://kubernetes.default.svc' }, sources: [], autosync: true },
      'spec.autosync',
    ],
  ])('validate the custom resource %s %s strictly', (apiVersion, kind, spec, field) => {
    const problems = schemas.validate({ apiVersion, kind, metadata: { name: 'x', namespace: 'shop' }, spec });
    expect(problems).toContainEqual({
      field,
      message: `unknown field '${field
        .split('.')
        .pop()!
        .replace(/\[\d+\]$/, '')}'`,
    });
  });

  test('accept a valid custom resource and reject one missing a required field', () => {
    const external = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: 'db' },
        data: [{ secretKey: 'password', remoteRef: { key: 'db/password' } }],
      },
    };
    expect(schemas.validate(external)).toEqual([]);
    const withoutKey: Untyped = structuredClone(external);
    delete withoutKey.spec.data[0].remoteRef.key;
    expect(schemas.validate(withoutKey)).toEqual([{ field: 'spec.data[0].remoteRef.key', message: "missing required field 'key'" }]);
    const wrongKind = structuredClone(external);
    wrongKind.spec.secretStoreRef.kind = 'Vault';
    expect(schemas.validate(wrongKind)).toEqual([
      { field: 'spec.secretStoreRef.kind', message: 'must be one of "SecretStore", "ClusterSecretStore" (got "Vault")' },
    ]);
  });

  test('know the served versions only: ExternalSecret v1beta1 is not served by the pinned CRD', () => {
    expect(schemas.has('external-secrets.io/v1', 'ExternalSecret')).toBe(true);
    expect(schemas.has('external-secrets.io/v1beta1', 'ExternalSecret')).toBe(false);
  });

  test('cover the kinds the platform emits or may emit, and compile every one of them', () => {
    const required = [
      'v1 ConfigMap',
      'v1 Secret',
      'v1 Service',
      'v1 ServiceAccount',
      'v1 Namespace',
      'v1 ResourceQuota',
      'v1 LimitRange',
      'apps/v1 Deployment',
      'apps/v1 StatefulSet',
      'batch/v1 CronJob',
      'batch/v1 Job',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'policy/v1 PodDisruptionBudget',
      'networking.k8s.io/v1 NetworkPolicy',
      'networking.k8s.io/v1 Ingress',
      'rbac.authorization.k8s.io/v1 Role',
      'rbac.authorization.k8s.io/v1 RoleBinding',
      'monitoring.coreos.com/v1 ServiceMonitor',
      'monitoring.coreos.com/v1 PodMonitor',
      'monitoring.coreos.com/v1 PrometheusRule',
      'external-secrets.io/v1 ExternalSecret',
      'external-secrets.io/v1 SecretStore',
      'cert-manager.io/v1 Certificate',
      'gateway.networking.k8s.io/v1 HTTPRoute',
      'argoproj.io/v1alpha1 Application',
      'argoproj.io/v1alpha1 ApplicationSet',
    ];
    expect(schemas.kinds).toEqual(expect.arrayContaining(required));
    for (const key of schemas.kinds) {
      const [apiVersion, kind] = key.split(' ');
      // A bare object of each kind compiles that kind's validator: a schema ajv cannot compile throws here.
      expect(Array.isArray(schemas.validate({ apiVersion, kind, metadata: { name: 'x' } }))).toBe(true);
    }
  });
});
