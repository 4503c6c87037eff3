import { sortRecord } from '../internal/sort-record';
import { ANNOTATION, LABEL, MANAGED_BY } from '../internal/labels';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedNamespace } from '../model/resolved-namespace';
import { PLATFORM_DEFAULTS } from './platform-defaults';

/** The namespace a team's apps live in for an environment (the environment's namespace pattern). */
export function namespaceName(team: string, env: Pick<ResolvedEnvironment, 'name' | 'namespacePattern'>): string {
  return env.namespacePattern.value.replace(/\{team\}/g, team).replace(/\{env\}/g, env.name);
}

/**
 * A team's namespace: labelled for Pod Security admission ("restricted", enforced), with a quota
 * and container defaults from the environment profile (checked when the environment was resolved).
 */
export function resolveNamespace(team: string, env: ResolvedEnvironment): ResolvedNamespace {
  const q = env.quota;
  const r = env.profile.resources;
  const { level, version } = PLATFORM_DEFAULTS.podSecurity;
  return {
    name: namespaceName(team, env),
    team,
    environment: env.name,
    labels: sortRecord({
      ...env.labels,
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
    annotations: sortRecord({ ...env.annotations, [ANNOTATION.syncWave]: '-1' }),
    namespaceAnnotations: { [ANNOTATION.production]: String(env.production) },
    quota: {
      'limits.memory': q.limitsMemory,
      pods: String(q.pods),
      'requests.cpu': q.requestsCpu,
      'requests.ephemeral-storage': q.requestsEphemeralStorage,
      'requests.memory': q.requestsMemory,
    },
    defaultRequest: { cpu: r.cpu.value, 'ephemeral-storage': r.ephemeralStorage.value, memory: r.memory.value },
    defaultLimit: { 'ephemeral-storage': r.ephemeralStorageLimit.value, memory: r.memory.value },
  };
}
