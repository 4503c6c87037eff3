import { k8s } from 'cdk8s-plus-28';
import { Secret } from '../../lib/model/secret';
import { buildChart } from '../../lib/stacks/build-chart';
import { CONFIG_FILE_MODE } from '../../lib/workload/config-files';
import { CONFIG_HASH_ANNOTATION, configHash } from '../../lib/workload/pod-template';
import { find, kinds, synthApp, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { appContainer, podTemplateOf } from './pod';
import { resolvedWebService } from '../fixtures/resolved-app';

const YAML = 'timeout: 10s\nretries: 3\n';

describe('the config files ConfigMap', () => {
  test('holds the files, sorted, named <app>-files, with the labels of every object of the app', () => {
    const manifests = synthApp(webDef({ configFiles: { 'rules.json': '{}', 'checkout.yaml': YAML } }));
    const files = find(manifests, 'ConfigMap', 'checkout-files');
    expect(files.data).toEqual({ 'checkout.yaml': YAML, 'rules.json': '{}' });
    expect(Object.keys(files.data)).toEqual(['checkout.yaml', 'rules.json']);
    expect(files.metadata.namespace).toBe('shop');
    expect(files.metadata.labels).toEqual(find(manifests, 'Deployment', 'checkout').metadata.labels);
  });

  test("holds this environment's override of a file", () => {
    const def = webDef({ configFiles: { 'checkout.yaml': YAML }, environments: { dev: { configFiles: { 'checkout.yaml': 'timeout: 60s\n' } } } });
    expect(find(synthApp(def, testEnvironment({ name: 'dev' })), 'ConfigMap', 'checkout-files').data).toEqual({ 'checkout.yaml': 'timeout: 60s\n' });
  });

  test('is apart from the config values, which stay env vars from the ConfigMap named after the app', () => {
    const manifests = synthApp(webDef({ config: { ORDER_TIMEOUT: '10s' }, configFiles: { 'checkout.yaml': YAML } }));
    expect(find(manifests, 'ConfigMap', 'checkout').data).toEqual({ ORDER_TIMEOUT: '10s' });
    expect(appContainer(manifests, 'Deployment', 'checkout').envFrom).toEqual([{ configMapRef: { name: 'checkout' } }]);
  });

  test('gives an app with files only no config ConfigMap and no envFrom', () => {
    const manifests = synthApp(webDef({ configFiles: { 'checkout.yaml': YAML } }));
    expect(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => m.metadata.name)).toEqual(['checkout-files']);
    expect(appContainer(manifests, 'Deployment', 'checkout')).not.toHaveProperty('envFrom');
  });

  test('is not created when the app has no files', () => {
    expect(kinds(synthApp(webDef({ config: { A: '1' } }))).filter((k) => k === 'ConfigMap')).toHaveLength(1);
    expect(buildChart(resolvedWebService()).stack.configFiles).toBeUndefined();
  });

  test("is the stack's configFiles field, for escape hatches", () => {
    const { stack } = buildChart(resolvedWebService({ configFiles: { 'checkout.yaml': YAML } }));
    expect(stack.configFiles).toBeInstanceOf(k8s.KubeConfigMap);
    expect(stack.configFiles!.name).toBe('checkout-files');
  });
});

describe('config files in the pod', () => {
  test('mounts the ConfigMap read-only at /etc/<app>/, files read-only for everyone', () => {
    const manifests = synthApp(webDef({ configFiles: { 'checkout.yaml': YAML } }));
    expect(appContainer(manifests, 'Deployment', 'checkout').volumeMounts).toContainEqual({ name: 'config-files', mountPath: '/etc/checkout', readOnly: true });
    expect(podTemplateOf(manifests, 'Deployment', 'checkout').spec.volumes).toContainEqual({
      name: 'config-files',
      configMap: { name: 'checkout-files', defaultMode: 0o444 },
    });
    expect(CONFIG_FILE_MODE).toBe(0o444);
  });

  test('mounts them for workers and scheduled tasks too', () => {
    expect(appContainer(synthApp(workerDef({ configFiles: { 'a.conf': 'x' } })), 'Deployment', 'mailer').volumeMounts).toContainEqual({
      name: 'config-files',
      mountPath: '/etc/mailer',
      readOnly: true,
    });
    expect(appContainer(synthApp(taskDef({ configFiles: { 'a.conf': 'x' } })), 'CronJob', 'report').volumeMounts).toContainEqual({
      name: 'config-files',
      mountPath: '/etc/report',
      readOnly: true,
    });
  });
});

describe('the config hash with config files', () => {
  const hashOf = (def: ReturnType<typeof webDef>, env = testEnvironment()) =>
    podTemplateOf(synthApp(def, env), 'Deployment', 'checkout').metadata.annotations?.[CONFIG_HASH_ANNOTATION];
  const withFiles = (configFiles: Record<string, string>, config?: Record<string, string>) => hashOf(webDef({ configFiles, ...(config ? { config } : {}) }));

  test('is set for an app with files and no config values', () => {
    expect(withFiles({ 'checkout.yaml': YAML })).toMatch(/^[0-9a-f]{16}$/);
  });

  test("changes when a file's content changes, even by one byte", () => {
    expect(withFiles({ 'checkout.yaml': YAML })).not.toBe(withFiles({ 'checkout.yaml': `${YAML} ` }));
  });

  test('changes when a file is added, removed or renamed', () => {
    const base = withFiles({ 'a.yaml': YAML });
    expect(withFiles({ 'a.yaml': YAML, 'b.yaml': YAML })).not.toBe(base);
    expect(withFiles({ 'b.yaml': YAML })).not.toBe(base);
    expect(withFiles({ 'a.yaml': YAML }, { A: '1' })).not.toBe(base);
  });

  test('changes when a config value changes beside the files', () => {
    expect(withFiles({ 'a.yaml': YAML }, { A: '1' })).not.toBe(withFiles({ 'a.yaml': YAML }, { A: '2' }));
  });

  test('does not change when only the order of files or values changes', () => {
    expect(withFiles({ 'a.yaml': YAML, 'b.yaml': '{}' }, { A: '1', B: '2' })).toBe(withFiles({ 'b.yaml': '{}', 'a.yaml': YAML }, { B: '2', A: '1' }));
  });

  test('does not mistake a value for a file of the same name and content', () => {
    expect(configHash({ X: 'a' })).not.toBe(configHash({}, { X: 'a' }));
    expect(hashOf(webDef({ config: { X: 'a' } }))).not.toBe(hashOf(webDef({ configFiles: { X: 'a' } })));
  });

  test('is the same as before file support for an app with config values only (no pods roll)', () => {
    expect(hashOf(webDef({ config: { A: '1' } }))).toBe(configHash({ A: '1' }));
    expect(configHash({ A: '1' }, {})).toBe(configHash({ A: '1' }));
    // The digest of the sorted [key, value] pairs, as the pods of every existing app already carry it.
    expect(configHash({ A: '1' })).toBe('7663e8dee7c9d442');
  });

  test('changes in an environment whose override changes a file, and only there', () => {
    const def = webDef({ configFiles: { 'a.yaml': YAML }, environments: { dev: { configFiles: { 'a.yaml': 'other\n' } } } });
    expect(hashOf(def)).toBe(withFiles({ 'a.yaml': YAML }));
    expect(hashOf(def, testEnvironment({ name: 'dev' }))).toBe(withFiles({ 'a.yaml': 'other\n' }));
  });

  test('does not change when secrets, env or anything but config changes', () => {
    const files = { configFiles: { 'a.yaml': YAML } };
    const base = hashOf(webDef(files));
    expect(hashOf(webDef({ ...files, env: { X: '1' } }))).toBe(base);
    expect(hashOf(webDef({ ...files, secrets: { DB_PASSWORD: Secret.ref('shop/db') }, secretFiles: { 'tls.crt': Secret.ref('shop/tls') } }))).toBe(base);
  });
});
