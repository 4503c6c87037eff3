import { sortRecord } from '../internal/sort-record';
import { Problems } from '../internal/errors';
import { ANNOTATION, LABEL, MANAGED_BY } from '../internal/labels';
import { parseQuantity } from '../internal/quantity';
import { Environment } from '../model/environment';
import { ResolvedNamespace } from '../model/resolved-namespace';
import { PLATFORM_DEFAULTS } from './platform-defaults';

/** The namespace a team's apps live in for an environment (the environment's namespace pattern). */
export function namespaceName(team: string, env: Environment): string {
  return (env.namespacePattern ?? PLATFORM_DEFAULTS.namespacePattern).replace(/\{team\}/g, team).replace(/\{env\}/g, env.name);
}

/**
 * A team's namespace: labelled for Pod Security admission ("restricted", enforced), with a quota
 * and container defaults from the environment profile. Problems are added to `problems`.
 */
export function resolveNamespace(team: string, env: Environment, problems: Problems): ResolvedNamespace {
  const profile = env.profile ?? {};
  const q = { ...PLATFORM_DEFAULTS.quota, ...(profile.quota ?? {}) };
  const at = problems.at({ environment: env.name, field: 'profile.quota' });
  for (const [key, kind] of [['requestsCpu', 'cpu'], ['requestsMemory', 'bytes'], ['limitsMemory', 'bytes'], ['requestsEphemeralStorage', 'bytes']] as const) {
    const parsed = parseQuantity(q[key], kind);
    if ('problem' in parsed) at.add({ code: 'E_QUANTITY', field: `profile.quota.${key}`, value: q[key], message: parsed.problem, fix: parsed.fix });
  }
  if (!Number.isInteger(q.pods) || q.pods < 1) {
    at.add({ code: 'E_QUOTA', field: 'profile.quota.pods', value: q.pods, message: 'must be a whole number of at least 1', fix: 'e.g. 200' });
  }
  const r = { ...PLATFORM_DEFAULTS.resources, ...(profile.resources ?? {}) };
  const { level, version } = PLATFORM_DEFAULTS.podSecurity;
  return {
    name: namespaceName(team, env),
    team,
    environment: env.name,
    labels: sortRecord({
      ...(env.labels ?? {}),
      [LABEL.managedBy]: MANAGED_BY,
      [LABEL.team]: team,
      [LABEL.environment]: env.name,
    }),
    podSecurityLabels: {
      'pod-security.kubernetes.io/enforce': level,
      'pod-security.kubernetes.io/enforce-version': version,
      'pod-security.kubernetes.io/audit': level,
      'pod-security.kubernetes.io/audit-version': version,
      'pod-security.kubernetes.io/warn': level,
      'pod-security.kubernetes.io/warn-version': version,
    },
    annotations: sortRecord({ ...(env.annotations ?? {}), [ANNOTATION.syncWave]: '-1' }),
    quota: {
      'limits.memory': q.limitsMemory,
      pods: String(q.pods),
      'requests.cpu': q.requestsCpu,
      'requests.ephemeral-storage': q.requestsEphemeralStorage,
      'requests.memory': q.requestsMemory,
    },
    defaultRequest: { cpu: r.cpu, 'ephemeral-storage': r.ephemeralStorage, memory: r.memory },
    defaultLimit: { 'ephemeral-storage': r.ephemeralStorageLimit, memory: r.memory },
  };
}
