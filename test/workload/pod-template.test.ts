import { Shutdown } from '../../lib/model/shutdown';
import { CONFIG_HASH_ANNOTATION, configHash } from '../../lib/workload/pod-template';
import { find, synthApp, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { appContainer, podTemplateOf } from './pod';

describe('topology spread', () => {
  const spread = podTemplateOf(synthApp(webDef()), 'Deployment', 'checkout').spec.topologySpreadConstraints;

  test('spreads pods across zones, then across nodes', () => {
    expect(spread.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  });

  test.each(['topology.kubernetes.io/zone', 'kubernetes.io/hostname'])('prefers, but never requires, an even spread over %s', (key) => {
    const constraint = spread.find((c: { topologyKey: string }) => c.topologyKey === key);
    expect(constraint.maxSkew).toBe(1);
    expect(constraint.whenUnsatisfiable).toBe('ScheduleAnyway');
    expect(constraint.labelSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' } });
    expect(constraint.matchLabelKeys).toEqual(['pod-template-hash']);
  });

  test("spreads a worker's pods too", () => {
    expect(podTemplateOf(synthApp(workerDef()), 'Deployment', 'mailer').spec.topologySpreadConstraints).toHaveLength(2);
  });

  test("does not spread a scheduled task's pods", () => {
    expect(podTemplateOf(synthApp(taskDef()), 'CronJob', 'report').spec).not.toHaveProperty('topologySpreadConstraints');
  });
});

describe('graceful shutdown', () => {
  const k130 = testEnvironment({ kubernetesVersion: '1.30' });

  test('gives a web service 30 s to stop and, on Kubernetes 1.28, no preStop hook (none works on every image)', () => {
    const manifests = synthApp(webDef());
    expect(podTemplateOf(manifests, 'Deployment', 'checkout').spec.terminationGracePeriodSeconds).toBe(30);
    expect(appContainer(manifests, 'Deployment', 'checkout')).not.toHaveProperty('lifecycle');
  });

  test("uses Kubernetes' own sleep action on 1.30, which needs nothing from the image", () => {
    expect(appContainer(synthApp(webDef(), k130), 'Deployment', 'checkout').lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  });

  test('writes the declared grace period and preStop delay', () => {
    const manifests = synthApp(webDef({ shutdown: { gracePeriodSeconds: 60, preStopSeconds: 15 } }), k130);
    expect(podTemplateOf(manifests, 'Deployment', 'checkout').spec.terminationGracePeriodSeconds).toBe(60);
    expect(appContainer(manifests, 'Deployment', 'checkout').lifecycle).toEqual({ preStop: { sleep: { seconds: 15 } } });
  });

  test('writes an exec hook the app declared', () => {
    const manifests = synthApp(webDef({ shutdown: { preStop: Shutdown.exec(['/app/drain', '--wait=3s'], { seconds: 3 }) } }));
    expect(appContainer(manifests, 'Deployment', 'checkout').lifecycle).toEqual({ preStop: { exec: { command: ['/app/drain', '--wait=3s'] } } });
  });

  test('has no preStop hook when the delay is 0', () => {
    expect(appContainer(synthApp(webDef({ shutdown: { preStopSeconds: 0 } }), k130), 'Deployment', 'checkout')).not.toHaveProperty('lifecycle');
  });

  test('has no preStop hook for a worker or a scheduled task', () => {
    expect(appContainer(synthApp(workerDef(), k130), 'Deployment', 'mailer')).not.toHaveProperty('lifecycle');
    expect(appContainer(synthApp(taskDef(), k130), 'CronJob', 'report')).not.toHaveProperty('lifecycle');
    expect(podTemplateOf(synthApp(workerDef()), 'Deployment', 'mailer').spec.terminationGracePeriodSeconds).toBe(30);
  });
});

describe('the container', () => {
  test('is named after the app and runs the resolved image', () => {
    const container = appContainer(synthApp(webDef(), testEnvironment(), { tag: '9.9.9' }), 'Deployment', 'checkout');
    expect(container.image).toBe('ghcr.io/acme/checkout:9.9.9');
  });

  test('sets imagePullPolicy explicitly', () => {
    expect(appContainer(synthApp(webDef()), 'Deployment', 'checkout').imagePullPolicy).toBe('Always');
    expect(appContainer(synthApp(webDef(), testEnvironment({ name: 'dev' })), 'Deployment', 'checkout').imagePullPolicy).toBe('IfNotPresent');
    expect(appContainer(synthApp(taskDef(), testEnvironment({ profile: { imagePullPolicy: 'Always' } })), 'CronJob', 'report').imagePullPolicy).toBe('Always');
  });

  test('declares the named ports', () => {
    expect(appContainer(synthApp(webDef({ metricsPort: 9100 })), 'Deployment', 'checkout').ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
    ]);
  });

  test('declares no ports when the app has none', () => {
    expect(appContainer(synthApp(taskDef()), 'CronJob', 'report')).not.toHaveProperty('ports');
  });

  test('passes command and args only when given', () => {
    const given = appContainer(synthApp(workerDef({ command: ['/app/mailer'], args: ['--queue', 'mail'] })), 'Deployment', 'mailer');
    expect(given.command).toEqual(['/app/mailer']);
    expect(given.args).toEqual(['--queue', 'mail']);
    const none = appContainer(synthApp(workerDef()), 'Deployment', 'mailer');
    expect(none).not.toHaveProperty('command');
    expect(none).not.toHaveProperty('args');
  });

  test('sets env sorted by name', () => {
    expect(appContainer(synthApp(webDef({ env: { ZONE: 'eu', API_URL: 'x' } })), 'Deployment', 'checkout').env).toEqual([
      { name: 'API_URL', value: 'x' },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'ZONE', value: 'eu' },
    ]);
  });

  test('reads config from the ConfigMap named after the app, only when there is config', () => {
    expect(appContainer(synthApp(webDef({ config: { A: '1' } })), 'Deployment', 'checkout').envFrom).toEqual([{ configMapRef: { name: 'checkout' } }]);
    expect(appContainer(synthApp(webDef()), 'Deployment', 'checkout')).not.toHaveProperty('envFrom');
  });

  test('falls back to the logs for its termination message', () => {
    expect(appContainer(synthApp(webDef()), 'Deployment', 'checkout').terminationMessagePolicy).toBe('FallbackToLogsOnError');
  });

  test('labels the pods like every other object', () => {
    const manifests = synthApp(webDef());
    expect(podTemplateOf(manifests, 'Deployment', 'checkout').metadata.labels).toEqual(find(manifests, 'Deployment', 'checkout').metadata.labels);
  });

  test('uses the restart policy OnFailure for a scheduled task, and the default elsewhere', () => {
    expect(podTemplateOf(synthApp(taskDef()), 'CronJob', 'report').spec.restartPolicy).toBe('OnFailure');
    expect(podTemplateOf(synthApp(webDef()), 'Deployment', 'checkout').spec).not.toHaveProperty('restartPolicy');
  });
});

describe('the config-hash annotation', () => {
  const hashOf = (config: Record<string, string>) =>
    podTemplateOf(synthApp(webDef({ config })), 'Deployment', 'checkout').metadata.annotations[CONFIG_HASH_ANNOTATION];

  test('is a 16-character hex digest of the config', () => {
    expect(hashOf({ A: '1' })).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf({ A: '1' })).toBe(configHash({ A: '1' }));
  });

  test('changes when a config value changes', () => {
    expect(hashOf({ A: '1', B: '2' })).not.toBe(hashOf({ A: '1', B: '3' }));
  });

  test('changes when a key is added or renamed', () => {
    expect(hashOf({ A: '1' })).not.toBe(hashOf({ A: '1', B: '2' }));
    expect(hashOf({ A: '1' })).not.toBe(hashOf({ B: '1' }));
  });

  test('does not change when only the key order changes', () => {
    expect(hashOf({ A: '1', B: '2' })).toBe(hashOf({ B: '2', A: '1' }));
    expect(configHash({ A: '1', B: '2' })).toBe(configHash({ B: '2', A: '1' }));
  });

  test('changes when an override changes a value in that environment only', () => {
    const def = webDef({ config: { URL: 'a' }, environments: { staging: { config: { URL: 'b' } } } });
    const prod = podTemplateOf(synthApp(def), 'Deployment', 'checkout').metadata.annotations[CONFIG_HASH_ANNOTATION];
    const staging = podTemplateOf(synthApp(def, testEnvironment({ name: 'staging' })), 'Deployment', 'checkout').metadata.annotations[CONFIG_HASH_ANNOTATION];
    expect(prod).toBe(hashOf({ URL: 'a' }));
    expect(staging).toBe(hashOf({ URL: 'b' }));
  });

  test('does not change when something other than config changes', () => {
    const hash = (def: ReturnType<typeof webDef>) => podTemplateOf(synthApp(def), 'Deployment', 'checkout').metadata.annotations[CONFIG_HASH_ANNOTATION];
    expect(hash(webDef({ config: { A: '1' }, env: { X: '1' } }))).toBe(hash(webDef({ config: { A: '1' }, env: { X: '2' } })));
  });

  test('is absent when the app has no config', () => {
    expect(podTemplateOf(synthApp(webDef()), 'Deployment', 'checkout').metadata).not.toHaveProperty('annotations');
  });
});

describe('config files and secrets in the pod', () => {
  const def = webDef({
    config: { A: '1' },
    configFiles: { 'checkout.yaml': 'timeout: 10s\n' },
    secrets: { DB_PASSWORD: { key: 'shop/checkout/db' } },
    secretFiles: { 'tls.crt': { key: 'shop/checkout/tls' } },
  });

  test('mounts /tmp, then the config files, then the secret files, each read-only but /tmp', () => {
    const container = appContainer(synthApp(def), 'Deployment', 'checkout');
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'config-files', mountPath: '/etc/checkout', readOnly: true },
      { name: 'secret-files', mountPath: '/var/run/secrets/checkout', readOnly: true },
    ]);
  });

  test('declares the volumes in the same order, keeping the /tmp emptyDir', () => {
    const volumes = podTemplateOf(synthApp(def), 'Deployment', 'checkout').spec.volumes;
    expect(volumes.map((v: { name: string }) => v.name)).toEqual(['tmp', 'config-files', 'secret-files']);
    expect(volumes[0]).toEqual({ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
  });

  test('hashes the config values and the config files together', () => {
    const hash = podTemplateOf(synthApp(def), 'Deployment', 'checkout').metadata.annotations[CONFIG_HASH_ANNOTATION];
    expect(hash).toBe(configHash({ A: '1' }, { 'checkout.yaml': 'timeout: 10s\n' }));
    expect(hash).not.toBe(configHash({ A: '1' }));
  });
});
