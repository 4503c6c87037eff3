import { AppDefinition } from '../../lib/model/app-definition';
import { Secret } from '../../lib/model/secret';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { CheckReport } from '../../lib/policy/report';
import { KubernetesSchemas } from '../../lib/policy/schema/kubernetes-schemas';
import { buildChart } from '../../lib/stacks/build-chart';
import { ExternalSecret, SECRET_FILE_MODE } from '../../lib/workload/external-secret';
import { find, kinds, sourced, synthApp, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { DEV, NOW, PROD } from '../policy/policy-helpers';
import { appContainer, podTemplateOf } from './pod';
import { resolvedWebService } from '../fixtures/resolved-app';

const DB = Secret.ref('shop/checkout/db', 'password');
const STRIPE = Secret.ref('shop/checkout/stripe', 'apiKey');
const TLS = Secret.ref('shop/checkout/tls');
const WITH_SECRETS = {
  secrets: { STRIPE_API_KEY: STRIPE, DB_PASSWORD: DB },
  secretFiles: { 'tls.key': Secret.ref('shop/checkout/tls', 'key'), 'tls.crt': TLS },
};

describe('the ExternalSecret', () => {
  const manifests = synthApp(webDef(WITH_SECRETS));
  const externalSecret = find(manifests, 'ExternalSecret', 'checkout');

  test('is an external-secrets.io/v1 ExternalSecret named after the app, in its namespace, with its labels', () => {
    expect(externalSecret.apiVersion).toBe('external-secrets.io/v1');
    expect(externalSecret.metadata.namespace).toBe('shop');
    expect(externalSecret.metadata.labels).toEqual(find(manifests, 'Deployment', 'checkout').metadata.labels);
  });

  test("reads from the platform's ClusterSecretStore every hour by default", () => {
    expect(externalSecret.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'platform' });
    expect(externalSecret.spec.refreshInterval).toBe('1h');
  });

  test("reads from the environment's store at its interval", () => {
    const env = testEnvironment({ secretStore: { kind: 'SecretStore', name: 'vault' }, secretRefreshInterval: '10m' });
    const spec = find(synthApp(webDef(WITH_SECRETS), env), 'ExternalSecret', 'checkout').spec;
    expect(spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'vault' });
    expect(spec.refreshInterval).toBe('10m');
  });

  test('writes the Secret <app>-secrets, which it owns', () => {
    expect(externalSecret.spec.target).toEqual({ name: 'checkout-secrets', creationPolicy: 'Owner' });
  });

  test('maps each env var and file to a key of the Secret, sorted by key, with the property only when given', () => {
    expect(externalSecret.spec.data).toEqual([
      { secretKey: 'DB_PASSWORD', remoteRef: { key: 'shop/checkout/db', property: 'password' } },
      { secretKey: 'STRIPE_API_KEY', remoteRef: { key: 'shop/checkout/stripe', property: 'apiKey' } },
      { secretKey: 'tls.crt', remoteRef: { key: 'shop/checkout/tls' } },
      { secretKey: 'tls.key', remoteRef: { key: 'shop/checkout/tls', property: 'key' } },
    ]);
  });

  test("uses this environment's override of a reference", () => {
    const def = webDef({ secrets: { DB_PASSWORD: DB }, environments: { dev: { secrets: { DB_PASSWORD: Secret.ref('dev/db', 'password') } } } });
    expect(find(synthApp(def, testEnvironment({ name: 'dev' })), 'ExternalSecret', 'checkout').spec.data).toEqual([
      { secretKey: 'DB_PASSWORD', remoteRef: { key: 'dev/db', property: 'password' } },
    ]);
  });

  test('is valid against the pinned CRD schema', () => {
    expect(KubernetesSchemas.shared().validate(externalSecret)).toEqual([]);
  });

  test('is not created when the app has no secrets', () => {
    expect(kinds(synthApp(webDef()))).not.toContain('ExternalSecret');
    expect(buildChart(resolvedWebService()).stack.externalSecret).toBeUndefined();
  });

  test("is the stack's externalSecret field, for escape hatches", () => {
    const { stack } = buildChart(resolvedWebService(WITH_SECRETS));
    expect(stack.externalSecret).toBeInstanceOf(ExternalSecret);
    expect(stack.externalSecret!.node.id).toBe('external-secret');
  });

  test('is created for workers and scheduled tasks too', () => {
    expect(find(synthApp(workerDef({ secrets: { DB_PASSWORD: DB } })), 'ExternalSecret', 'mailer').spec.target.name).toBe('mailer-secrets');
    expect(find(synthApp(taskDef({ secretFiles: { 'tls.crt': TLS } })), 'ExternalSecret', 'report').spec.target.name).toBe('report-secrets');
  });
});

describe('secrets in the pod', () => {
  const manifests = synthApp(webDef({ ...WITH_SECRETS, env: { ZONE: 'eu' } }));
  const container = appContainer(manifests, 'Deployment', 'checkout');
  const pod = podTemplateOf(manifests, 'Deployment', 'checkout');

  test("reads each secret env var from the app's Secret by key, never as a value", () => {
    expect(container.env.find((e: { name: string }) => e.name === 'STRIPE_API_KEY')).toEqual({
      name: 'STRIPE_API_KEY',
      valueFrom: { secretKeyRef: { name: 'checkout-secrets', key: 'STRIPE_API_KEY' } },
    });
  });

  test('lists secret variables first, sorted, so a plain value can refer to them as $(NAME)', () => {
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(['DB_PASSWORD', 'STRIPE_API_KEY', 'LOG_LEVEL', 'ZONE']);
  });

  test('does not expose secret files as env vars, nor secret env vars as files', () => {
    expect(container.env.map((e: { name: string }) => e.name)).not.toContain('tls.crt');
    const volume = pod.spec.volumes.find((v: { name: string }) => v.name === 'secret-files');
    expect(volume.secret.items.map((i: { key: string }) => i.key)).toEqual(['tls.crt', 'tls.key']);
  });

  test('mounts the secret files read-only at /var/run/secrets/<app>/', () => {
    expect(container.volumeMounts).toContainEqual({ name: 'secret-files', mountPath: '/var/run/secrets/checkout', readOnly: true });
    expect(pod.spec.volumes).toContainEqual({
      name: 'secret-files',
      secret: {
        secretName: 'checkout-secrets',
        defaultMode: 0o440,
        items: [
          { key: 'tls.crt', path: 'tls.crt' },
          { key: 'tls.key', path: 'tls.key' },
        ],
      },
    });
  });

  test('makes secret files readable by the owner and the group (the pod fsGroup, which the app runs as) only', () => {
    expect(SECRET_FILE_MODE).toBe(0o440);
    expect(pod.spec.securityContext.fsGroup).toBe(container.securityContext.runAsGroup);
  });

  test('has no secret volume when the secrets are env vars only', () => {
    const only = synthApp(webDef({ secrets: { DB_PASSWORD: DB } }));
    expect(podTemplateOf(only, 'Deployment', 'checkout').spec.volumes.map((v: { name: string }) => v.name)).toEqual(['tmp']);
    expect(appContainer(only, 'Deployment', 'checkout').volumeMounts.map((m: { name: string }) => m.name)).toEqual(['tmp']);
  });

  test("mounts a scheduled task's secret files in its CronJob's pod", () => {
    const task = synthApp(taskDef({ secretFiles: { 'tls.crt': TLS } }));
    expect(appContainer(task, 'CronJob', 'report').volumeMounts).toContainEqual({ name: 'secret-files', mountPath: '/var/run/secrets/report', readOnly: true });
  });
});

describe('the default checks over apps with secrets and files', () => {
  const files = { configFiles: { 'app.yaml': 'timeout: 10s\n' } };
  const fleet: AppDefinition[] = [
    webDef({ ...WITH_SECRETS, ...files, config: { ORDER_TIMEOUT: '10s' } }),
    workerDef({ ...WITH_SECRETS, ...files }),
    taskDef({ ...WITH_SECRETS, ...files }),
  ];

  test('pass the schema and the policy pack without a single finding', () => {
    const rendered = renderFleet({ apps: fleet.map((d) => sourced(d)), environments: [DEV, PROD] });
    const reports: CheckReport[] = [];
    const [schema, policy] = defaultChecks({ now: NOW, onReport: (r) => reports.push(r) });
    expect(() => schema(rendered, [])).not.toThrow();
    expect(() => policy(rendered, [])).not.toThrow();
    expect(reports.at(-1)).toMatchObject({ passed: true, findings: [], summary: { errors: 0, warnings: 0, waived: 0 } });
    const all = rendered.flatMap((r) => r.manifests);
    expect(all.filter((m) => m.kind === 'ExternalSecret')).toHaveLength(6);
    expect(all.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-files'))).toHaveLength(6);
  });
});
