import { Replicas } from '../../lib/model/replicas';
import { Volume } from '../../lib/model/volume';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { synthResolved } from '../fixtures/resolved-app';
import { find, kinds, resolve, synthApp, testEnvironment, webDef, workerDef } from '../helpers';

const volumes = {
  cache: Volume.emptyDir({ path: '/var/cache/app', size: '2Gi' }),
  shm: Volume.emptyDir({ path: '/dev/shm', size: '256Mi', medium: 'Memory' }),
  data: Volume.persistent({ path: '/data', size: '10Gi' }),
} as const;

describe('volumes of a Deployment', () => {
  const manifests = synthApp(
    workerDef({ volumes, resources: { ephemeralStorageLimit: '3Gi' } }),
    testEnvironment({ name: 'dev', profile: { storage: { storageClass: 'gp3' } } }),
  );
  const deployment = find(manifests, 'Deployment', 'mailer');
  const pod = deployment.spec.template.spec;

  test('mounts each volume at its path, after /tmp', () => {
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'cache', mountPath: '/var/cache/app' },
      { name: 'data', mountPath: '/data' },
      { name: 'shm', mountPath: '/dev/shm' },
    ]);
  });

  test('gives emptyDirs their size limit and medium, and persistent volumes the shared claim <app>-<volume>', () => {
    expect(pod.volumes).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'cache', emptyDir: { sizeLimit: '2Gi' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'mailer-data' } },
      { name: 'shm', emptyDir: { sizeLimit: '256Mi', medium: 'Memory' } },
    ]);
  });

  test('creates the claim with its size, the access mode and the environment’s class', () => {
    expect(kinds(manifests)).toContain('PersistentVolumeClaim');
    const claim = find(manifests, 'PersistentVolumeClaim', 'mailer-data');
    expect(claim.metadata.namespace).toBe('shop');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } });
  });

  test('replaces the pod only after the old one let go of the claim (Recreate)', () => {
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(pod.securityContext.fsGroupChangePolicy).toBe('OnRootMismatch');
  });

  test('an app without persistent volumes keeps the rolling update and no fsGroupChangePolicy', () => {
    const plain = find(synthApp(workerDef({ volumes: { cache: volumes.cache }, resources: { ephemeralStorageLimit: '3Gi' } })), 'Deployment', 'mailer');
    expect(plain.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(plain.spec.template.spec.securityContext.fsGroupChangePolicy).toBeUndefined();
  });

  test('the /tmp size is the app’s scratchSize', () => {
    const spec = find(synthApp(webDef({ scratchSize: '1Gi' })), 'Deployment', 'checkout').spec.template.spec;
    expect(spec.volumes[0]).toEqual({ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } });
  });

  test('passes schema validation and the policy pack', () => {
    const app = resolve(workerDef({ volumes, replicas: Replicas.fixed(1), resources: { ephemeralStorageLimit: '3Gi' } }), testEnvironment({ name: 'dev' }));
    const rendered = [{ app, manifests: synthResolved(app) }];
    for (const check of defaultChecks({ now: new Date('2026-01-01') })) expect(() => check(rendered, [])).not.toThrow();
  });
});

describe('config and secret files at the app’s own paths', () => {
  const manifests = synthApp(
    webDef({
      configFiles: { 'default.conf': 'server {}', 'entrypoint.sh': '#!/bin/sh\nexec nginx' },
      configFilesPath: '/etc/nginx/conf.d',
      configFileModes: { 'entrypoint.sh': 0o555 },
      secretFiles: { 'tls.key': { key: 'shop/checkout/tls', property: 'key' } },
      secretFilesPath: '/run/tls',
    }),
  );
  const pod = find(manifests, 'Deployment', 'checkout').spec.template.spec;

  test('mounts them read-only at the chosen folders', () => {
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'config-files', mountPath: '/etc/nginx/conf.d', readOnly: true },
      { name: 'secret-files', mountPath: '/run/tls', readOnly: true },
    ]);
  });

  test('gives a file its own mode and every other file the read-only default', () => {
    expect(pod.volumes.find((v: { name: string }) => v.name === 'config-files').configMap).toEqual({
      name: 'checkout-files',
      defaultMode: 0o444,
      items: [
        { key: 'default.conf', path: 'default.conf' },
        { key: 'entrypoint.sh', path: 'entrypoint.sh', mode: 0o555 },
      ],
    });
  });

  test('keeps /etc/<app> and no items without a path or mode of its own', () => {
    const spec = find(synthApp(webDef({ configFiles: { 'a.yaml': 'a: 1' } })), 'Deployment', 'checkout').spec.template.spec;
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'config-files', mountPath: '/etc/checkout', readOnly: true });
    expect(spec.volumes.find((v: { name: string }) => v.name === 'config-files').configMap).toEqual({ name: 'checkout-files', defaultMode: 0o444 });
  });
});
