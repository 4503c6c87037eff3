import { Problems } from '../internal/errors';
import { nameProblem } from '../internal/names';
import { parseQuantity } from '../internal/quantity';
import { configFilesDir, secretFilesDir } from '../model/app-files';
import { EnvironmentStorage } from '../model/environment';
import { ResolvedReplicas, ResolvedResources } from '../model/resolved-app';
import { ResolvedFiles, ResolvedVolume } from '../model/resolved-volume';
import { VOLUME_ACCESS_MODES, VOLUME_KINDS, VolumeAccessMode } from '../model/volume';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { inherited } from './provenance';
import { ResolveContext } from './resolve-context';

/** Pod volume names the golden path uses itself (/tmp, config files, secret files). */
const RESERVED_VOLUME_NAMES: ReadonlySet<string> = new Set(['tmp', 'config-files', 'secret-files']);
/** What a StorageClass name may be: a DNS subdomain. */
const STORAGE_CLASS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The highest file mode a ConfigMap volume takes (rwxrwxrwx). */
const MAX_FILE_MODE = 0o777;

export interface ResolvedStorage {
  readonly volumes: readonly ResolvedVolume[];
  readonly scratchSize: string;
  readonly files: ResolvedFiles;
}

/**
 * The app's volumes, its /tmp size and where its files are mounted, checked so that no two
 * mounts share or nest a folder (a mount inside a read-only ConfigMap folder fails at pod start).
 */
export function resolveStorage(ctx: ResolveContext): ResolvedStorage {
  const { def, prov } = ctx;
  const scratchSize = prov.pick('scratchSize', ['platform', PLATFORM_DEFAULTS.scratchSize], ['app', def.scratchSize]);
  checkSize(ctx, 'scratchSize', scratchSize);
  // Files are mounted in this environment when the definition or this environment's override has some.
  const hasConfigFiles = def.configFiles !== undefined || ctx.override.configFiles !== undefined;
  const hasSecretFiles = def.secretFiles !== undefined || ctx.override.secretFiles !== undefined;
  const files: ResolvedFiles = {
    configPath: filesPath(ctx, 'configFilesPath', configFilesDir(def.name), def.configFilesPath, hasConfigFiles),
    configModes: configModes(ctx),
    secretPath: filesPath(ctx, 'secretFilesPath', secretFilesDir(def.name), def.secretFilesPath, hasSecretFiles),
  };
  const volumes = Object.keys(def.volumes ?? {})
    .sort()
    .flatMap((name) => resolveVolume(ctx, name) ?? []);

  const mounts: { field: string; path: string }[] = [{ field: 'scratchSize', path: '/tmp' }];
  if (hasConfigFiles) mounts.push({ field: 'configFilesPath', path: files.configPath });
  if (hasSecretFiles) mounts.push({ field: 'secretFilesPath', path: files.secretPath });
  for (const v of volumes) mounts.push({ field: `volumes.${v.name}.path`, path: v.path });
  checkMounts(ctx.problems, mounts);
  return { volumes, scratchSize, files };
}

/** A Deployment's pods share its claims: a claim one node mounts allows one pod, replaced only after it stopped. */
export function checkSharedClaims(ctx: ResolveContext, volumes: readonly ResolvedVolume[], replicas: ResolvedReplicas | undefined): void {
  if (ctx.def.kind !== 'web-service' && ctx.def.kind !== 'worker') return;
  const single = volumes.find((v) => v.kind === 'persistent' && v.accessMode !== 'ReadWriteMany') as
    Extract<ResolvedVolume, { kind: 'persistent' }> | undefined;
  if (!single || !replicas || (replicas.kind === 'fixed' && replicas.count === 1)) return;
  ctx.problems.add({
    code: 'E_VOLUME_REPLICAS',
    field: `volumes.${single.name}`,
    value: replicas.kind === 'fixed' ? `${replicas.count} replicas` : `autoscaled ${replicas.min}..${replicas.max}`,
    message: `is a ${single.accessMode} claim, which one pod of a Deployment mounts at a time, so the app must run exactly 1 replica`,
    fix: "use statefulService() (one claim per pod), Replicas.fixed(1) in every environment, or accessMode: 'ReadWriteMany' where the storage class supports it",
  });
}

/**
 * The node evicts a pod whose disk emptyDirs (with /tmp) outgrow its ephemeral-storage limit, so
 * a volume larger than the limit would never hold its size: fail rather than evict at run time.
 */
export function checkEphemeralFit(ctx: ResolveContext, storage: ResolvedStorage, resources: ResolvedResources): void {
  const limit = resources.limits['ephemeral-storage'];
  const max = limit !== undefined ? parseQuantity(limit, 'bytes') : undefined;
  if (!max || 'problem' in max) return;
  const disk = [{ size: storage.scratchSize }, ...storage.volumes.filter((v) => v.kind === 'emptyDir' && v.medium === undefined)];
  const sizes = disk.map((v) => parseQuantity(v.size, 'bytes'));
  if (sizes.some((s) => 'problem' in s)) return;
  const total = sizes.reduce((sum, s) => sum + ('value' in s ? s.value : 0), 0);
  if (total <= max.value) return;
  ctx.problems.add({
    code: 'E_VOLUME_EPHEMERAL',
    field: storage.volumes.some((v) => v.kind === 'emptyDir' && v.medium === undefined) ? 'volumes' : 'scratchSize',
    value: disk.map((v) => v.size).join(' + '),
    message: `add up to more than the pod's ephemeral-storage limit (${limit}), so the node would evict the pod before they fill`,
    fix: 'raise resources.ephemeralStorageLimit to at least their sum, or make the volumes smaller',
  });
}

/** The environment's storage settings, checked once against apps/environments.ts. */
export function checkEnvironmentStorage(storage: EnvironmentStorage | undefined, at: Problems): void {
  if (storage?.accessMode !== undefined && !VOLUME_ACCESS_MODES.includes(storage.accessMode)) {
    at.add({
      code: 'E_VOLUME_ACCESS_MODE',
      field: 'profile.storage.accessMode',
      value: storage.accessMode,
      message: `is not an access mode (${VOLUME_ACCESS_MODES.join(', ')})`,
      fix: "use 'ReadWriteOnce', which every storage class supports",
    });
  }
  if (storage?.storageClass !== undefined && !isStorageClass(storage.storageClass)) {
    at.add({
      code: 'E_VOLUME_STORAGE_CLASS',
      field: 'profile.storage.storageClass',
      value: storage.storageClass,
      message: 'is not a StorageClass name (a lowercase DNS subdomain)',
      fix: "name a StorageClass of the cluster, e.g. 'gp3'",
    });
  }
}

function resolveVolume(ctx: ResolveContext, name: string): ResolvedVolume | undefined {
  const { def, env, prov, problems } = ctx;
  const volume = def.volumes![name];
  const field = `volumes.${name}`;
  const fail = (code: string, at: string, value: unknown, message: string, fix: string) => problems.add({ code, field: at, value, message, fix });
  const nameIssue = nameProblem(name) ?? (RESERVED_VOLUME_NAMES.has(name) ? 'is the name of a volume the platform mounts itself' : undefined);
  if (nameIssue) fail('E_VOLUME_NAME', field, name, `name ${nameIssue}`, "use a short lowercase DNS label, e.g. 'cache' or 'data'");
  if (!VOLUME_KINDS.includes(volume?.kind)) {
    fail(
      'E_VOLUME_KIND',
      `${field}.kind`,
      volume?.kind ?? null,
      `is not a volume kind (${VOLUME_KINDS.join(', ')})`,
      'build it with Volume.emptyDir() or Volume.persistent()',
    );
    return undefined;
  }
  const pathIssue = mountPathProblem(volume.path);
  if (pathIssue) fail('E_VOLUME_PATH', `${field}.path`, volume.path ?? null, pathIssue, "use an absolute folder, e.g. '/var/cache/app'");
  checkSize(ctx, `${field}.size`, volume.size);
  if (nameIssue || pathIssue) return undefined;
  prov.record(`${field}.path`, 'app', volume.path);
  prov.record(`${field}.size`, 'app', volume.size);
  if (volume.kind === 'emptyDir') {
    if (volume.medium !== undefined && volume.medium !== 'Memory')
      fail('E_VOLUME_MEDIUM', `${field}.medium`, volume.medium, "must be 'Memory' or left out (the node's disk)", "remove medium, or set 'Memory' for a tmpfs");
    return { kind: 'emptyDir', name, path: volume.path, size: volume.size, ...(volume.medium !== undefined ? { medium: volume.medium } : {}) };
  }
  if (def.kind === 'scheduled-task') {
    fail(
      'E_VOLUME_TASK',
      field,
      'persistent',
      "is a persistent volume, which a scheduled task cannot have: each run is a fresh pod, and a run's state belongs in a store it calls",
      'use Volume.emptyDir() for scratch space, and write results to a data store or an external service',
    );
    return undefined;
  }
  const accessMode = prov.pick<VolumeAccessMode>(`${field}.accessMode`, inherited(env.profile.storage.accessMode), ['app', volume.accessMode]);
  if (!VOLUME_ACCESS_MODES.includes(accessMode))
    fail('E_VOLUME_ACCESS_MODE', `${field}.accessMode`, accessMode, `is not an access mode (${VOLUME_ACCESS_MODES.join(', ')})`, "use 'ReadWriteOnce'");
  const envClass = env.profile.storage.storageClass;
  const storageClass = prov.pickOptional(`${field}.storageClass`, ...(envClass ? [inherited(envClass)] : []), ['app', volume.storageClass]);
  if (storageClass !== undefined && !isStorageClass(storageClass))
    fail('E_VOLUME_STORAGE_CLASS', `${field}.storageClass`, storageClass, 'is not a StorageClass name (a lowercase DNS subdomain)', "e.g. 'gp3'");
  return { kind: 'persistent', name, path: volume.path, size: volume.size, accessMode, ...(storageClass !== undefined ? { storageClass } : {}) };
}

/** The folder of the app's config or secret files; recorded for `platform explain` only where it is mounted or set. */
function filesPath(ctx: ResolveContext, field: 'configFilesPath' | 'secretFilesPath', platform: string, own: string | undefined, mounted: boolean): string {
  if (!mounted && own === undefined) return platform;
  const path = ctx.prov.pick(field, ['platform', platform], ['app', own]);
  // The default is the platform's convention (a bad app name is reported as the name).
  const problem = own !== undefined ? mountPathProblem(own) : undefined;
  if (problem)
    ctx.problems.add({ code: 'E_FILES_PATH', field, value: path, message: problem, fix: `use an absolute folder, or leave it out for '${platform}'` });
  return path;
}

function configModes(ctx: ResolveContext): Readonly<Record<string, number>> {
  const { def, problems } = ctx;
  const modes: Record<string, number> = {};
  const files = new Set([...Object.keys(def.configFiles ?? {}), ...Object.values(def.environments ?? {}).flatMap((o) => Object.keys(o?.configFiles ?? {}))]);
  for (const name of Object.keys(def.configFileModes ?? {}).sort()) {
    const mode = def.configFileModes![name];
    const field = `configFileModes.${name}`;
    if (!files.has(name)) {
      problems.add({
        code: 'E_FILE_MODE',
        field,
        value: name,
        message: 'names no file of configFiles',
        fix: `name one of: ${[...files].sort().join(', ') || '(no config files)'}`,
      });
    } else if (!Number.isInteger(mode) || mode < 0 || mode > MAX_FILE_MODE) {
      problems.add({
        code: 'E_FILE_MODE',
        field,
        value: mode,
        message: 'must be a file mode from 0 to 0o777',
        fix: 'write it in octal, e.g. 0o555 for a script',
      });
    } else {
      modes[name] = mode;
      ctx.prov.record(field, 'app', `0o${mode.toString(8)}`);
    }
  }
  return modes;
}

function checkSize(ctx: ResolveContext, field: string, size: unknown): void {
  const parsed = parseQuantity(size as string, 'bytes');
  if ('problem' in parsed) ctx.problems.add({ code: 'E_VOLUME_SIZE', field, value: size ?? null, message: parsed.problem, fix: parsed.fix });
}

/** Why `path` cannot be a mount point, or undefined when it can. */
function mountPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return 'must be an absolute path';
  if (path === '/') return 'must not be the root folder (the root filesystem stays read-only)';
  if (path.endsWith('/') || path.split('/').some((part, i) => i > 0 && (part === '' || part === '.' || part === '..')))
    return "must be a plain folder path: no trailing '/', no '//', '.' or '..'";
  return undefined;
}

/** No two mounts at the same folder or one inside another. */
function checkMounts(problems: Problems, mounts: readonly { field: string; path: string }[]): void {
  for (let i = 0; i < mounts.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [mounts[j], mounts[i]];
      const clash =
        a.path === b.path ? 'is the same folder as' : b.path.startsWith(`${a.path}/`) ? 'is inside' : a.path.startsWith(`${b.path}/`) ? 'contains' : undefined;
      if (!clash) continue;
      problems.add({
        code: 'E_MOUNT_PATH_CONFLICT',
        field: b.field,
        value: b.path,
        message: `${clash} ${a.path}, where ${a.field === 'scratchSize' ? 'the writable /tmp' : a.field} is mounted`,
        fix: 'give each volume and each files folder a folder of its own, none inside another',
      });
    }
  }
}

function isStorageClass(name: unknown): boolean {
  return typeof name === 'string' && name.length <= 253 && STORAGE_CLASS.test(name);
}
