import { ValidationError } from '../../lib/internal/errors';
import { Replicas } from '../../lib/model/replicas';
import { Volume } from '../../lib/model/volume';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { synthesize } from '../../lib/pipeline/synthesize';
import { tempDir } from '../fixtures/temp-dir';
import { resolvedEnvironment } from '../fixtures/resolved-app';
import { expectError, resolve, sourced, statefulDef, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('volumes: resolution', () => {
  test('resolves an emptyDir and a persistent volume with the environment’s claim settings, sorted by name', () => {
    const app = resolve(
      webDef({
        volumes: {
          data: Volume.persistent({ path: '/data', size: '10Gi' }),
          cache: Volume.emptyDir({ path: '/var/cache/app', size: '2Gi', medium: 'Memory' }),
        },
      }),
      testEnvironment({ profile: { storage: { storageClass: 'gp3' } } }),
    );
    expect(app.volumes).toEqual([
      { kind: 'emptyDir', name: 'cache', path: '/var/cache/app', size: '2Gi', medium: 'Memory' },
      { kind: 'persistent', name: 'data', path: '/data', size: '10Gi', accessMode: 'ReadWriteOnce', storageClass: 'gp3' },
    ]);
    expect(app.provenance['volumes.data.storageClass']).toBe('environment');
    expect(app.provenance['volumes.data.accessMode']).toBe('platform');
  });

  test("a volume's own access mode and class win over the environment's", () => {
    const app = resolve(
      webDef({ volumes: { data: Volume.persistent({ path: '/data', size: '1Gi', accessMode: 'ReadWriteMany', storageClass: 'efs' }) } }),
      testEnvironment({ profile: { storage: { storageClass: 'gp3', accessMode: 'ReadWriteOncePod' } } }),
    );
    expect(app.volumes[0]).toEqual({ kind: 'persistent', name: 'data', path: '/data', size: '1Gi', accessMode: 'ReadWriteMany', storageClass: 'efs' });
    expect(app.provenance['volumes.data.accessMode']).toBe('app');
  });

  test('leaves the class out without one anywhere (the cluster’s default class)', () => {
    expect(resolve(webDef({ volumes: { data: Volume.persistent({ path: '/data', size: '1Gi' }) } })).volumes[0]).toEqual({
      kind: 'persistent',
      name: 'data',
      path: '/data',
      size: '1Gi',
      accessMode: 'ReadWriteOnce',
    });
  });

  test('the /tmp size is the app’s, 64Mi by default', () => {
    expect(resolve(webDef()).scratchSize).toBe('64Mi');
    expect(resolve(webDef({ scratchSize: '512Mi' })).scratchSize).toBe('512Mi');
    expect(resolve(webDef({ scratchSize: '512Mi' })).provenance.scratchSize).toBe('app');
  });

  test('a Deployment with a claim one node mounts is recreated, not rolled with a surge', () => {
    expect(resolve(workerDef({ volumes: { data: Volume.persistent({ path: '/data', size: '1Gi' }) } })).rollout?.strategy).toBe('Recreate');
    expect(resolve(workerDef({ volumes: { data: Volume.persistent({ path: '/data', size: '1Gi', accessMode: 'ReadWriteMany' }) } })).rollout?.strategy).toBe(
      'RollingUpdate',
    );
    expect(resolve(workerDef({ volumes: { cache: Volume.emptyDir({ path: '/cache', size: '256Mi' }) } })).rollout?.strategy).toBe('RollingUpdate');
  });

  test('files go to the app’s folders, /etc/<app> and /var/run/secrets/<app> by default', () => {
    expect(resolve(webDef()).files).toEqual({ configPath: '/etc/checkout', configModes: {}, secretPath: '/var/run/secrets/checkout' });
    const own = resolve(
      webDef({
        configFiles: { 'nginx.conf': 'events {}', 'start.sh': '#!/bin/sh' },
        configFilesPath: '/etc/nginx/conf.d',
        configFileModes: { 'start.sh': 0o555 },
        secretFilesPath: '/run/tls',
      }),
    );
    expect(own.files).toEqual({ configPath: '/etc/nginx/conf.d', configModes: { 'start.sh': 0o555 }, secretPath: '/run/tls' });
    expect(own.provenance.configFilesPath).toBe('app');
  });

  test('records the files folders for explain only where files are mounted or the folder is set', () => {
    expect(resolve(webDef()).provenance.configFilesPath).toBeUndefined();
    expect(resolve(webDef({ configFiles: { 'a.yaml': 'a: 1' } })).provenance.configFilesPath).toBe('platform');
    expect(resolve(webDef({ environments: { prod: { secretFiles: { 'k.pem': { key: 'shop/k' } } } } })).provenance.secretFilesPath).toBe('platform');
  });
});

describe('volumes: bad inputs fail with a located error', () => {
  test.each([
    ['/tmp', 'is the same folder as /tmp, where the writable /tmp is mounted'],
    ['/tmp/cache', 'is inside /tmp, where the writable /tmp is mounted'],
  ])('a volume at %s collides with /tmp', (path, message) => {
    expectOnlyProblem(() => resolve(webDef({ volumes: { cache: Volume.emptyDir({ path, size: '256Mi' }) } })), {
      code: 'E_MOUNT_PATH_CONFLICT',
      field: 'volumes.cache.path',
      value: path,
      message,
      fix: 'give each volume and each files folder a folder of its own, none inside another',
    });
  });

  test('a volume inside the config files folder collides with it', () => {
    expectOnlyProblem(
      () => resolve(webDef({ configFiles: { 'a.yaml': 'a: 1' }, volumes: { state: Volume.emptyDir({ path: '/etc/checkout/state', size: '256Mi' }) } })),
      {
        code: 'E_MOUNT_PATH_CONFLICT',
        field: 'volumes.state.path',
        value: '/etc/checkout/state',
        message: 'is inside /etc/checkout, where configFilesPath is mounted',
        fix: 'none inside another',
      },
    );
  });

  test('a volume containing the secret files folder collides with it', () => {
    expectOnlyProblem(
      () =>
        resolve(
          webDef({
            secretFiles: { 'tls.key': { key: 'shop/tls', property: 'key' } },
            secretFilesPath: '/srv/tls',
            volumes: { srv: Volume.emptyDir({ path: '/srv', size: '256Mi' }) },
          }),
        ),
      {
        code: 'E_MOUNT_PATH_CONFLICT',
        field: 'volumes.srv.path',
        value: '/srv',
        message: 'contains /srv/tls, where secretFilesPath is mounted',
        fix: 'a folder of its own',
      },
    );
  });

  test('two volumes at one folder collide', () => {
    expectOnlyProblem(
      () => resolve(webDef({ volumes: { a: Volume.emptyDir({ path: '/data', size: '256Mi' }), b: Volume.persistent({ path: '/data', size: '1Gi' }) } })),
      {
        code: 'E_MOUNT_PATH_CONFLICT',
        field: 'volumes.b.path',
        value: '/data',
        message: 'is the same folder as /data, where volumes.a.path is mounted',
        fix: 'a folder of its own',
      },
    );
  });

  test.each([
    ['-1Gi', 'must not be negative'],
    ['10gb', 'is not a Kubernetes quantity'],
    ['0', 'must be greater than zero'],
  ])('a size of %s is rejected', (size, message) => {
    expectOnlyProblem(() => resolve(webDef({ volumes: { data: Volume.persistent({ path: '/data', size }) } })), {
      code: 'E_VOLUME_SIZE',
      field: 'volumes.data.size',
      value: size,
      message,
      fix: "'512Mi' or '2Gi'",
    });
  });

  test('a malformed /tmp size is rejected', () => {
    expectOnlyProblem(() => resolve(webDef({ scratchSize: '1.5.0Gi' })), {
      code: 'E_VOLUME_SIZE',
      field: 'scratchSize',
      value: '1.5.0Gi',
      fix: "'512Mi' or '2Gi'",
    });
  });

  test('an access mode that does not exist is rejected', () => {
    const volume = { kind: 'persistent', path: '/data', size: '1Gi', accessMode: 'ReadWriteAll' } as unknown as Volume;
    expectOnlyProblem(() => resolve(webDef({ volumes: { data: volume } })), {
      code: 'E_VOLUME_ACCESS_MODE',
      field: 'volumes.data.accessMode',
      value: 'ReadWriteAll',
      message: 'is not an access mode (ReadWriteOnce, ReadWriteOncePod, ReadWriteMany)',
      fix: "use 'ReadWriteOnce'",
    });
  });

  test.each([
    ['Data', 'name must be lowercase'],
    ['my_cache', "name may contain only lowercase letters, digits and '-'"],
    ['tmp', 'name is the name of a volume the platform mounts itself'],
  ])('a volume named %s is rejected', (name, message) => {
    expectOnlyProblem(() => resolve(webDef({ volumes: { [name]: Volume.emptyDir({ path: '/cache', size: '256Mi' }) } })), {
      code: 'E_VOLUME_NAME',
      field: `volumes.${name}`,
      value: name,
      message,
      fix: "use a short lowercase DNS label, e.g. 'cache' or 'data'",
    });
  });

  test.each([
    ['cache', 'must be an absolute path'],
    ['/', 'must not be the root folder (the root filesystem stays read-only)'],
    ['/var/../etc', "must be a plain folder path: no trailing '/', no '//', '.' or '..'"],
  ])('a volume path %s is rejected', (path, message) => {
    expectOnlyProblem(() => resolve(webDef({ volumes: { cache: Volume.emptyDir({ path, size: '256Mi' }) } })), {
      code: 'E_VOLUME_PATH',
      field: 'volumes.cache.path',
      value: path,
      message,
      fix: "use an absolute folder, e.g. '/var/cache/app'",
    });
  });

  test('a persistent volume on a scheduled task is rejected', () => {
    expectOnlyProblem(() => resolve(taskDef({ volumes: { data: Volume.persistent({ path: '/data', size: '1Gi' }) } })), {
      code: 'E_VOLUME_TASK',
      field: 'volumes.data',
      value: 'persistent',
      message: /each run is a fresh pod/,
      fix: 'use Volume.emptyDir() for scratch space',
      app: 'report',
    });
  });

  test('a Deployment sharing a ReadWriteOnce claim may not run more than one pod', () => {
    expectOnlyProblem(() => resolve(webDef({ replicas: Replicas.fixed(2), volumes: { data: Volume.persistent({ path: '/data', size: '1Gi' }) } })), {
      code: 'E_VOLUME_REPLICAS',
      field: 'volumes.data',
      value: '2 replicas',
      message: 'is a ReadWriteOnce claim, which one pod of a Deployment mounts at a time, so the app must run exactly 1 replica',
      fix: 'use statefulService() (one claim per pod)',
    });
    expectProblem(
      () =>
        resolve(
          workerDef({
            replicas: Replicas.autoscale({ min: 1, max: 3 }),
            volumes: { data: Volume.persistent({ path: '/data', size: '1Gi', accessMode: 'ReadWriteOncePod' }) },
          }),
        ),
      { code: 'E_VOLUME_REPLICAS', field: 'volumes.data', value: 'autoscaled 1..3', fix: 'Replicas.fixed(1)', app: 'mailer' },
    );
  });

  test('a stateful service that autoscales is rejected, in an override too', () => {
    expectOnlyProblem(() => resolve(statefulDef({ environments: { prod: { replicas: Replicas.autoscale({ min: 2, max: 4 }) } } })), {
      code: 'E_STATEFUL_AUTOSCALE',
      field: 'environments.prod.replicas',
      value: 'autoscale 2..4',
      message: /autoscales a stateful service/,
      fix: 'use Replicas.fixed(n)',
      app: 'search-index',
    });
  });

  test('disk emptyDirs and /tmp larger than the ephemeral-storage limit are rejected; memory ones count against memory', () => {
    expectOnlyProblem(() => resolve(webDef({ volumes: { cache: Volume.emptyDir({ path: '/cache', size: '2Gi' }) } })), {
      code: 'E_VOLUME_EPHEMERAL',
      field: 'volumes',
      value: '64Mi + 2Gi',
      message: "add up to more than the pod's ephemeral-storage limit (1Gi), so the node would evict the pod before they fill",
      fix: 'raise resources.ephemeralStorageLimit to at least their sum',
    });
    expectOnlyProblem(() => resolve(webDef({ scratchSize: '2Gi' })), {
      code: 'E_VOLUME_EPHEMERAL',
      field: 'scratchSize',
      value: '2Gi',
      fix: 'ephemeralStorageLimit',
    });
    expect(resolve(webDef({ volumes: { shm: Volume.emptyDir({ path: '/dev/shm', size: '2Gi', medium: 'Memory' }) } })).volumes).toHaveLength(1);
    expect(
      resolve(webDef({ volumes: { cache: Volume.emptyDir({ path: '/cache', size: '2Gi' }) }, resources: { ephemeralStorageLimit: '3Gi' } })).volumes,
    ).toHaveLength(1);
  });

  test('a config file mode for a file that does not exist, or out of range, is rejected', () => {
    expectOnlyProblem(() => resolve(webDef({ configFiles: { 'start.sh': '#!/bin/sh' }, configFileModes: { 'stop.sh': 0o555 } })), {
      code: 'E_FILE_MODE',
      field: 'configFileModes.stop.sh',
      value: 'stop.sh',
      message: 'names no file of configFiles',
      fix: 'name one of: start.sh',
    });
    expectOnlyProblem(() => resolve(webDef({ configFiles: { 'start.sh': '#!/bin/sh' }, configFileModes: { 'start.sh': 0o4755 } })), {
      code: 'E_FILE_MODE',
      field: 'configFileModes.start.sh',
      value: 0o4755,
      message: 'must be a file mode from 0 to 0o777',
      fix: 'e.g. 0o555 for a script',
    });
  });

  test('a relative files folder is rejected', () => {
    expectOnlyProblem(() => resolve(webDef({ configFiles: { 'a.yaml': 'a: 1' }, configFilesPath: 'etc/app' })), {
      code: 'E_FILES_PATH',
      field: 'configFilesPath',
      value: 'etc/app',
      message: 'must be an absolute path',
      fix: "leave it out for '/etc/checkout'",
    });
  });

  test('a bad volume stops the whole fleet and nothing is written', () => {
    const bad = sourced(webDef({ volumes: { data: Volume.persistent({ path: '/data', size: '-1Gi' }) } }));
    const outDir = join(tempDir('bad-volume'), 'dist');
    const error = expectError<ValidationError>(() => synthesize({ apps: [bad, sourced(workerDef())], environments: [testEnvironment()], outDir }));
    expect(existsSync(outDir)).toBe(false);
    expect(error.code).toBe('E_VOLUME_SIZE');
    expect(error.message).toContain("apps/shop/checkout.ts: app 'checkout': environment 'prod': 'volumes.data.size' must not be negative (got \"-1Gi\")");
  });
});

describe('environment storage settings', () => {
  test('an invalid access mode or class is reported against apps/environments.ts', () => {
    const env = testEnvironment({ profile: { storage: { accessMode: 'ReadWriteSome' as never, storageClass: 'Fast SSD' } } });
    const error = expectError<ValidationError>(() => resolvedEnvironment(env));
    expect(error.problems.map((p) => [p.code, p.field, p.value, p.source])).toEqual([
      ['E_VOLUME_ACCESS_MODE', 'profile.storage.accessMode', 'ReadWriteSome', 'apps/environments.ts'],
      ['E_VOLUME_STORAGE_CLASS', 'profile.storage.storageClass', 'Fast SSD', 'apps/environments.ts'],
    ]);
  });

  test('the environment’s settings are recorded with their layer', () => {
    const env = resolvedEnvironment(testEnvironment({ profile: { storage: { storageClass: 'gp3' } } }));
    expect(env.profile.storage).toEqual({ storageClass: { value: 'gp3', origin: 'environment' }, accessMode: { value: 'ReadWriteOnce', origin: 'platform' } });
  });
});
