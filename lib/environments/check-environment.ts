import { Problems } from '../internal/errors';
import { isLabelValue, nameProblem, qualifiedNameProblem } from '../internal/names';
import { parseQuantity } from '../internal/quantity';
import { Environment } from '../model/environment';
import { KUBERNETES_VERSION, kubernetesMinor } from '../model/kubernetes-version';
import { isPositiveInt } from './resolve-context';
import { checkEnvironmentBatch } from './check-environment-batch';
import { checkEnvironmentDns } from './check-environment-dns';
import { checkEnvironmentHardening } from './check-environment-hardening';
import { checkEnvironmentIngress } from './check-environment-ingress';
import { checkEnvironmentMonitoring } from './check-environment-monitoring';
import { checkReplicas } from './resolve-replicas';
import { checkEnvironmentStorage } from './resolve-volumes';
import { RESOURCE_FIELDS } from './resolve-resources';
import { checkEnvironmentSecrets } from './resolve-secrets';

const PLATFORM_MINOR = kubernetesMinor(KUBERNETES_VERSION) ?? 0;

/**
 * Checks an environment's own settings once, so a bad profile value is reported against
 * apps/environments.ts rather than against every app that inherits it.
 */
export function checkEnvironment(env: Environment, problems: Problems): void {
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  checkEnvironmentMetadata(env, at);
  const version: unknown = env.kubernetesVersion;
  if (version !== undefined) {
    const minor = typeof version === 'string' ? kubernetesMinor(version) : undefined;
    if (minor === undefined || minor < PLATFORM_MINOR) {
      at.add({
        code: 'E_KUBERNETES_VERSION',
        field: 'kubernetesVersion',
        value: version,
        message: `must be a Kubernetes minor '1.<n>' of at least ${KUBERNETES_VERSION} (the oldest the platform supports)`,
        fix: `e.g. '${KUBERNETES_VERSION}', or leave it out`,
      });
    }
  }
  const profile = env.profile ?? {};
  for (const key of ['webServiceReplicas', 'workerReplicas'] as const) {
    const replicas = profile[key];
    if (replicas)
      checkReplicas(replicas, (field, value, message, fix) =>
        at.add({ code: 'E_REPLICAS', field: `profile.${key}${field.slice('replicas'.length)}`, value, message, fix }),
      );
  }
  for (const { key, kind } of RESOURCE_FIELDS) {
    const value = profile.resources?.[key];
    if (value === undefined) continue;
    const parsed = parseQuantity(value, kind);
    if ('problem' in parsed) at.add({ code: 'E_QUANTITY', field: `profile.resources.${key}`, value, message: parsed.problem, fix: parsed.fix });
  }
  if (profile.maxUnavailable !== undefined && !isPositiveInt(profile.maxUnavailable)) {
    at.add({
      code: 'E_PROFILE',
      field: 'profile.maxUnavailable',
      value: profile.maxUnavailable,
      message: 'must be a whole number of at least 1 (0 would block every node drain)',
      fix: 'use 1',
    });
  }
  if (profile.logLevel !== undefined && !['debug', 'info', 'warn', 'error'].includes(profile.logLevel)) {
    at.add({
      code: 'E_PROFILE',
      field: 'profile.logLevel',
      value: profile.logLevel,
      message: "must be 'debug', 'info', 'warn' or 'error'",
      fix: "e.g. 'info'",
    });
  }
  if (profile.imagePullPolicy !== undefined && !['Always', 'IfNotPresent'].includes(profile.imagePullPolicy)) {
    at.add({
      code: 'E_PROFILE',
      field: 'profile.imagePullPolicy',
      value: profile.imagePullPolicy,
      message: "must be 'Always' or 'IfNotPresent'",
      fix: "'IfNotPresent' with pinned tags",
    });
  }
  checkEnvironmentStorage(profile.storage, at);
  const pattern = env.namespacePattern;
  if (pattern !== undefined) {
    const sample = pattern.replace(/\{team\}/g, 'team').replace(/\{env\}/g, env.name);
    const problem = !pattern.includes('{team}') ? "must contain '{team}' (each team gets its own namespace)" : nameProblem(sample);
    if (problem) at.add({ code: 'E_NAMESPACE_PATTERN', field: 'namespacePattern', value: pattern, message: problem, fix: "e.g. '{team}' or '{team}-{env}'" });
  }
  const quota = profile.quota ?? {};
  for (const [key, kind] of [
    ['requestsCpu', 'cpu'],
    ['requestsMemory', 'bytes'],
    ['limitsMemory', 'bytes'],
    ['requestsEphemeralStorage', 'bytes'],
  ] as const) {
    const value = quota[key];
    if (value === undefined) continue;
    const parsed = parseQuantity(value, kind);
    if ('problem' in parsed) at.add({ code: 'E_QUANTITY', field: `profile.quota.${key}`, value, message: parsed.problem, fix: parsed.fix });
  }
  if (quota.pods !== undefined && !isPositiveInt(quota.pods)) {
    at.add({ code: 'E_QUOTA', field: 'profile.quota.pods', value: quota.pods, message: 'must be a whole number of at least 1', fix: 'e.g. 200' });
  }
  if (profile.dataStores !== undefined && !['in-cluster', 'external'].includes(profile.dataStores)) {
    at.add({
      code: 'E_PROFILE',
      field: 'profile.dataStores',
      value: profile.dataStores,
      message: "must be 'in-cluster' or 'external'",
      fix: "'external' (or 'in-cluster' for dev)",
    });
  }
  if (env.production !== undefined && typeof env.production !== 'boolean') {
    at.add({
      code: 'E_ENVIRONMENT',
      field: 'production',
      value: env.production,
      message: 'must be true or false',
      fix: "leave it out to decide by name ('prod' and 'production' serve production)",
    });
  }
  checkEnvironmentDns(env, problems);
  checkEnvironmentMonitoring(env, problems);
  checkEnvironmentSecrets(env, problems);
  checkEnvironmentIngress(env, problems);
  checkEnvironmentHardening(env, problems);
  checkEnvironmentBatch(env, problems);
  for (const field of ['cluster', 'domain'] as const) {
    if (typeof env[field] !== 'string' || env[field].length === 0) {
      at.add({ code: 'E_ENVIRONMENT', field, value: env[field] ?? null, message: 'is required', fix: `set the environment's ${field}` });
    }
  }
}

/** The labels and annotations put on every object: the API server rejects an object with a bad key or label value. */
function checkEnvironmentMetadata(env: Environment, at: Problems): void {
  for (const kind of ['labels', 'annotations'] as const) {
    for (const [key, value] of Object.entries(env[kind] ?? {})) {
      const problem = qualifiedNameProblem(key);
      if (problem) {
        at.add({
          code: 'E_METADATA_KEY',
          field: `${kind}.${key}`,
          value: key,
          message: `is not a valid ${kind === 'labels' ? 'label' : 'annotation'} key: it ${problem}`,
          fix: "use '[dns.prefix/]name', e.g. 'example.com/cost-center'",
        });
      }
      if (kind === 'labels' && (typeof value !== 'string' || !isLabelValue(value))) {
        at.add({
          code: 'E_METADATA_VALUE',
          field: `labels.${key}`,
          value,
          message: "is not a valid label value: at most 63 of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
          fix: 'shorten it, or move it to annotations, which take any text',
        });
      }
    }
  }
}
