import { Replicas } from '../../../lib/model/replicas';
import { apiRemoved } from '../../../lib/policy/rules/api-removed';
import { imageTagOrDigest } from '../../../lib/policy/rules/image-tag-or-digest';
import { labelValues } from '../../../lib/policy/rules/label-values';
import { livenessDiffersFromReadiness } from '../../../lib/policy/rules/liveness-differs-from-readiness';
import { networkPolicySelectsNothing } from '../../../lib/policy/rules/network-policy-selects-nothing';
import { noDefaultNamespace } from '../../../lib/policy/rules/no-default-namespace';
import { pdbCoverage } from '../../../lib/policy/rules/pdb-coverage';
import { prodReplicas } from '../../../lib/policy/rules/prod-replicas';
import { pssCapabilities } from '../../../lib/policy/rules/pss-capabilities';
import { pssRunAsNonRoot } from '../../../lib/policy/rules/pss-run-as-non-root';
import { secretInConfigMap } from '../../../lib/policy/rules/secret-in-config-map';
import { secretInEnv } from '../../../lib/policy/rules/secret-in-env';
import { serviceMonitorTargetExists } from '../../../lib/policy/rules/service-monitor-target-exists';
import { taskDef, Untyped, webDef, workerDef } from '../../helpers';
import { check, checked, container, DEV, edit, findingsOf, golden } from '../policy-helpers';

function messages(manifests: Parameters<typeof checked>[0], rule: Parameters<typeof check>[1][number], environment = 'prod'): string[] {
  return findingsOf(check([checked(manifests, { environment })], [rule]), rule.id).map((f) => f.message);
}

describe('pod security details', () => {
  test('run-as-non-root reports a container when neither it nor the pod sets runAsNonRoot', () => {
    const objects = edit(golden(), 'Deployment', (d) => {
      delete d.spec.template.spec.securityContext.runAsNonRoot;
      delete container(d).securityContext.runAsNonRoot;
    });
    expect(messages(objects, pssRunAsNonRoot)).toEqual(["container 'checkout' does not set runAsNonRoot: true (neither does the pod)"]);
  });

  test('run-as-non-root accepts runAsNonRoot set on the pod only', () => {
    const objects = edit(golden(), 'Deployment', (d) => delete container(d).securityContext.runAsNonRoot);
    expect(messages(objects, pssRunAsNonRoot)).toEqual([]);
  });

  test('capabilities accept NET_BIND_SERVICE, the one addition "restricted" allows', () => {
    const objects = golden(webDef({ port: 80, security: { bindPrivilegedPorts: true } }));
    expect(container(objects.find((m) => m.kind === 'Deployment')).securityContext.capabilities.add).toEqual(['NET_BIND_SERVICE']);
    expect(messages(objects, pssCapabilities)).toEqual([]);
  });
});

describe('secrets', () => {
  test('a finding names the variable but never prints its value', () => {
    const objects = edit(golden(), 'Deployment', (d) => container(d).env.push({ name: 'STRIPE_API_KEY', value: 'sk_live_abcdefghijklmnop1234' }));
    const report = check([checked(objects)], [secretInEnv]);
    expect(report.findings[0].message).toContain("'STRIPE_API_KEY'");
    expect(JSON.stringify(report)).not.toContain('sk_live_abcdefghijklmnop1234');
  });

  test('a private key in a ConfigMap is found by its value, whatever the key is called', () => {
    const objects = edit(
      golden(webDef({ config: { ORDER_TIMEOUT: '10s' } })),
      'ConfigMap',
      (c) => (c.data.TLS_BUNDLE = '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'),
    );
    expect(messages(objects, secretInConfigMap)).toEqual(["key 'TLS_BUNDLE': its value looks like a PEM private key"]);
  });
});

describe('images', () => {
  test("the 'latest' tag is not a pin", () => {
    const objects = edit(golden(), 'Deployment', (d) => (container(d).image = 'ghcr.io/acme/checkout:latest'));
    expect(messages(objects, imageTagOrDigest)[0]).toContain("uses the tag 'latest'");
  });
});

describe('probes', () => {
  test('a TCP service probes one port for both, and passes because liveness is more patient', () => {
    const objects = golden(webDef({ protocol: 'tcp' }));
    const d = container(objects.find((m) => m.kind === 'Deployment'));
    expect(d.livenessProbe.tcpSocket).toEqual(d.readinessProbe.tcpSocket);
    expect(messages(objects, livenessDiffersFromReadiness)).toEqual([]);
  });
});

describe('availability details', () => {
  test('prod-replicas does not apply outside production', () => {
    expect(messages(golden(webDef({ replicas: Replicas.fixed(1) }), DEV), prodReplicas, 'dev')).toEqual([]);
  });

  test('prod-replicas points at the autoscaler when its minimum is 1', () => {
    const report = check([checked(golden(webDef({ replicas: Replicas.autoscale({ min: 1, max: 4 }) })))], [prodReplicas]);
    expect(report.findings).toEqual([
      expect.objectContaining({ object: expect.objectContaining({ kind: 'HorizontalPodAutoscaler' }), field: 'spec.minReplicas' }),
    ]);
  });

  test('pdb-coverage reports a workload that two budgets select', () => {
    const objects = golden(workerDef());
    const pdb: Untyped = structuredClone(objects.find((m) => m.kind === 'PodDisruptionBudget')!);
    pdb.metadata.name = 'mailer-extra';
    expect(messages([...objects, pdb], pdbCoverage)).toEqual(["2 PodDisruptionBudgets (mailer, mailer-extra) select the pods of Deployment 'mailer'"]);
  });
});

describe('references', () => {
  test('a ServiceMonitor may scrape a container port by targetPort (as the monitoring stack emits)', () => {
    const objects = golden(webDef({ metricsPort: 9090 }));
    expect(objects.some((m) => m.kind === 'ServiceMonitor')).toBe(true);
    expect(messages(objects, serviceMonitorTargetExists)).toEqual([]);
    const broken = edit(objects, 'ServiceMonitor', (s) => (s.spec.endpoints[0].targetPort = 'prometheus'));
    expect(messages(broken, serviceMonitorTargetExists)).toEqual(['targetPort "prometheus" is not a container port of the pods behind the selected Services']);
  });

  test('a NetworkPolicy in a namespace without pods selects nothing, even with an empty selector', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all', namespace: 'empty' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    expect(messages([...golden(), policy], networkPolicySelectsNothing)).toEqual(["spec.podSelector matches no pods in namespace 'empty'"]);
    expect(messages([...golden(), { ...policy, metadata: { name: 'deny-all', namespace: 'shop' } }], networkPolicySelectsNothing)).toEqual([]);
  });
});

describe('correctness details', () => {
  test('no-default-namespace reports objects without a namespace, not cluster-scoped ones', () => {
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const objects = edit([...golden(), namespace], 'ServiceAccount', (s) => delete s.metadata.namespace);
    expect(messages(objects, noDefaultNamespace)).toEqual(['the object has no namespace']);
  });

  test('label keys need a DNS prefix before the slash', () => {
    const objects = edit(golden(), 'ServiceAccount', (s) => (s.metadata.labels['Acme_Corp/owner'] = 'shop'));
    expect(messages(objects, labelValues)).toEqual(["label key 'Acme_Corp/owner' has a prefix that is not a DNS subdomain"]);
  });

  test('annotation keys follow the label key rule, whatever their values', () => {
    const objects = edit(golden(), 'ServiceAccount', (s) => {
      s.metadata.annotations = { 'example.com/note': 'any text: fine', 'my note': 'x' };
    });
    expect(messages(objects, labelValues)).toEqual([
      "annotation key 'my note' has a name part that is not letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    ]);
  });

  test('api-removed names the replacement of a beta CronJob', () => {
    const objects = edit(golden(taskDef()), 'CronJob', (c) => (c.apiVersion = 'batch/v1beta1'));
    expect(messages(objects, apiRemoved)).toEqual(['batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1']);
  });
});
