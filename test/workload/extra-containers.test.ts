import { Env, EnvFrom } from '../../lib/model/env-ref';
import { Health } from '../../lib/model/health';
import { Replicas } from '../../lib/model/replicas';
import { Secret } from '../../lib/model/secret';
import { GOLDEN_PATH_PACK } from '../../lib/policy/pack';
import { check, checked } from '../policy/policy-helpers';
import { find, synthApp, taskDef, testEnvironment, Untyped, webDef, workerDef } from '../helpers';
import { podTemplateOf } from './pod';

const K128 = testEnvironment({ name: 'staging' });
const K129 = testEnvironment({ name: 'staging', kubernetesVersion: '1.29' });
const PROXY = { name: 'proxy', image: 'ghcr.io/acme/proxy:2.0.0', port: 5432, health: Health.tcp() };
const MIGRATE = { name: 'migrate', image: 'ghcr.io/acme/checkout:1.2.3', command: ['/app/migrate'] };
const names = (list: Untyped[] | undefined) => (list ?? []).map((c: Untyped) => c.name as string);

describe('sidecars and init containers in the pod', () => {
  test('on Kubernetes 1.28: init containers first, sidecars as plain containers after the app', () => {
    const spec = podTemplateOf(synthApp(webDef({ sidecars: [PROXY], initContainers: [MIGRATE] }), K128), 'Deployment', 'checkout').spec;
    expect(names(spec.initContainers)).toEqual(['migrate']);
    expect(names(spec.containers)).toEqual(['checkout', 'proxy']);
    expect(spec.containers[1]).not.toHaveProperty('restartPolicy');
  });

  test('on Kubernetes 1.29: native sidecars (restartPolicy Always) before the init containers, so a migration can use them', () => {
    const spec = podTemplateOf(synthApp(webDef({ sidecars: [PROXY], initContainers: [MIGRATE] }), K129), 'Deployment', 'checkout').spec;
    expect(names(spec.initContainers)).toEqual(['proxy', 'migrate']);
    expect(spec.initContainers[0].restartPolicy).toBe('Always');
    expect(spec.initContainers[1]).not.toHaveProperty('restartPolicy');
    expect(names(spec.containers)).toEqual(['checkout']);
  });

  test("a sidecar gets the app's security context, pull policy and /tmp, its own probes and port", () => {
    const proxy = podTemplateOf(synthApp(webDef({ sidecars: [PROXY] }), K128), 'Deployment', 'checkout').spec.containers[1];
    expect(proxy.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(proxy.imagePullPolicy).toBe('IfNotPresent');
    expect(proxy.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(proxy.ports).toEqual([{ name: 'proxy', containerPort: 5432, protocol: 'TCP' }]);
    expect(proxy.readinessProbe).toEqual({ tcpSocket: { port: 'proxy' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
    expect(proxy.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '32Mi' },
      limits: { memory: '64Mi', 'ephemeral-storage': '256Mi' },
    });
  });

  test("an init container with appEnv gets the app's env and envFrom before its own, and no probes", () => {
    const def = webDef({
      config: { MODE: 'strict' },
      secrets: { DB_PASSWORD: Secret.ref('shop/db', 'password') },
      initContainers: [{ ...MIGRATE, appEnv: true, env: { STEP: 'up' } }],
    });
    const migrate = podTemplateOf(synthApp(def, K128), 'Deployment', 'checkout').spec.initContainers[0];
    expect(migrate.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'checkout-secrets', key: 'DB_PASSWORD' } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'STEP', value: 'up' },
    ]);
    expect(migrate.envFrom).toEqual([{ configMapRef: { name: 'checkout' } }]);
    expect(migrate).not.toHaveProperty('readinessProbe');
    expect(migrate).not.toHaveProperty('livenessProbe');
  });

  test('the app container takes containerName', () => {
    expect(names(podTemplateOf(synthApp(webDef({ containerName: 'app' }), K128), 'Deployment', 'checkout').spec.containers)).toEqual(['app']);
  });

  test('a scheduled task with native sidecars lists them as init containers', () => {
    const spec = podTemplateOf(synthApp(taskDef({ sidecars: [PROXY] }), K129), 'CronJob', 'report').spec;
    expect(names(spec.initContainers)).toEqual(['proxy']);
  });
});

describe('env references in the app container', () => {
  test('writes fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, and envFrom after the config', () => {
    const def = webDef({
      containerName: 'app',
      config: { MODE: 'strict' },
      envRefs: {
        POD_NAME: Env.fieldRef('metadata.name'),
        MEM: Env.resource('limits.memory'),
        FLAG: Env.configMapKey('shared-flags', 'V2'),
        OLD_KEY: Env.existingSecret('legacy-creds', 'key'),
      },
      envFrom: [EnvFrom.configMap('shared-flags'), EnvFrom.existingSecret('legacy-creds', { prefix: 'LEGACY_' })],
    });
    const app = podTemplateOf(synthApp(def, K128), 'Deployment', 'checkout').spec.containers[0];
    expect(app.env).toEqual([
      { name: 'FLAG', valueFrom: { configMapKeyRef: { name: 'shared-flags', key: 'V2' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory' } } },
      { name: 'OLD_KEY', valueFrom: { secretKeyRef: { name: 'legacy-creds', key: 'key' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
    expect(app.envFrom).toEqual([
      { configMapRef: { name: 'checkout' } },
      { configMapRef: { name: 'shared-flags' } },
      { secretRef: { name: 'legacy-creds' }, prefix: 'LEGACY_' },
    ]);
  });
});

describe('pod and ServiceAccount metadata', () => {
  test("puts the app's pod labels and annotations under the platform's", () => {
    const def = webDef({ config: { A: 'b' }, pod: { labels: { 'acme.dev/cost-center': 'shop-42' }, annotations: { 'linkerd.io/inject': 'enabled' } } });
    const template = podTemplateOf(synthApp(def, K128), 'Deployment', 'checkout');
    expect(template.metadata.labels['acme.dev/cost-center']).toBe('shop-42');
    expect(template.metadata.labels['app.kubernetes.io/name']).toBe('checkout');
    expect(Object.keys(template.metadata.annotations).sort()).toEqual(['linkerd.io/inject', 'platform.golden-path.dev/config-hash']);
  });

  test("annotates the ServiceAccount for workload identity, beside the platform's source annotation", () => {
    const sa = find(
      synthApp(webDef({ serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/checkout' } } }), K128),
      'ServiceAccount',
      'checkout',
    );
    expect(sa.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/checkout',
      'platform.golden-path.dev/source': 'apps/shop/checkout.ts',
    });
  });
});

describe('scheduled tasks', () => {
  test("writes restartPolicy 'Never' and the history limits on the CronJob", () => {
    const cron = find(synthApp(taskDef({ restartPolicy: 'Never', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 }), K128), 'CronJob', 'report');
    expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    expect([cron.spec.successfulJobsHistoryLimit, cron.spec.failedJobsHistoryLimit]).toEqual([1, 5]);
  });
});

describe('the new objects pass the schema and the whole policy pack', () => {
  const prod = testEnvironment({
    name: 'prod',
    profile: { webServiceReplicas: Replicas.autoscale({ min: 3, max: 10 }), workerReplicas: Replicas.autoscale({ min: 2, max: 6 }) },
  });
  test.each([
    ['1.28', prod],
    ['1.29', { ...prod, kubernetesVersion: '1.29' }],
  ])('on Kubernetes %s', (_, env) => {
    const everything = {
      sidecars: [PROXY],
      initContainers: [MIGRATE],
      envRefs: { POD_NAME: Env.fieldRef('metadata.name'), OLD_KEY: Env.existingSecret('legacy-creds', 'key') },
      envFrom: [EnvFrom.configMap('shared-flags')],
      pod: { annotations: { 'linkerd.io/inject': 'enabled' } },
      serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'a@b.iam.gserviceaccount.com' } },
    };
    const apps = [
      checked(synthApp(webDef(everything), env)),
      checked(synthApp(workerDef({ ...everything, initContainers: [{ ...MIGRATE, image: 'ghcr.io/acme/mailer:1.0.0' }] }), env), { name: 'mailer' }),
    ];
    const report = check(apps, GOLDEN_PATH_PACK, { schema: true });
    expect(report.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
