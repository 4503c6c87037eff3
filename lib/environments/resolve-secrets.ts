import { Problems } from '../internal/errors';
import { isEnvVarName } from '../internal/names';
import { appSecretName } from '../model/app-files';
import { Environment } from '../model/environment';
import { Origin } from '../model/resolved-app';
import { ResolvedSecretRef, ResolvedSecrets } from '../model/resolved-secrets';
import { SECRET_ROLLOUTS, SECRET_STORE_KINDS, SecretRef, SecretRollout, SecretStoreRef } from '../model/secret';
import { inherited } from './provenance';
import { fileNameProblem } from './resolve-config-files';
import { overrideField, ResolveContext } from './resolve-context';
import { redacted } from './check-secret-literals';

/** A Kubernetes object name (DNS-1123 subdomain), as the ExternalSecret CRD checks a store's name. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Go duration, as External Secrets Operator parses `refreshInterval`: '1h', '15m', '1h30m', '0' (read once). */
const GO_DURATION = /^(0|(\d+(\.\d+)?(ns|us|µs|μs|ms|s|m|h))+)$/;

/** One problem with an environment's secret settings. */
export interface SecretSettingProblem {
  readonly code: 'E_SECRET_STORE' | 'E_SECRET_REFRESH' | 'E_SECRET_ROLLOUT';
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
}

/** What is wrong with an environment's `secretStore`, `secretRefreshInterval` and `secretRollout` (each may be unset). */
export function secretSettingProblems(env: Pick<Environment, 'secretStore' | 'secretRefreshInterval' | 'secretRollout'>): SecretSettingProblem[] {
  const out: SecretSettingProblem[] = [];
  const store: unknown = env.secretStore;
  if (store !== undefined) {
    if (store === null || typeof store !== 'object') {
      out.push({
        code: 'E_SECRET_STORE',
        field: 'secretStore',
        value: store,
        message: 'must be { kind, name }',
        fix: "e.g. secretStore: { kind: 'ClusterSecretStore', name: 'vault' }",
      });
    } else {
      const { kind, name } = store as Partial<SecretStoreRef>;
      if (!SECRET_STORE_KINDS.includes(kind as SecretStoreRef['kind'])) {
        out.push({
          code: 'E_SECRET_STORE',
          field: 'secretStore.kind',
          value: kind ?? null,
          message: `must be ${SECRET_STORE_KINDS.map((k) => `'${k}'`).join(' or ')}`,
          fix: "'ClusterSecretStore' (one store for every namespace) or 'SecretStore' (one in each team namespace)",
        });
      }
      if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
        out.push({
          code: 'E_SECRET_STORE',
          field: 'secretStore.name',
          value: name ?? null,
          message: 'must be the name of a Kubernetes object (lowercase letters, digits, - and .)',
          fix: "name the store object, e.g. 'vault'",
        });
      }
    }
  }
  const refresh: unknown = env.secretRefreshInterval;
  if (refresh !== undefined && (typeof refresh !== 'string' || !GO_DURATION.test(refresh))) {
    out.push({
      code: 'E_SECRET_REFRESH',
      field: 'secretRefreshInterval',
      value: refresh,
      message: "must be a Go duration: a number and a unit (ms, s, m or h), e.g. '1h' or '15m'",
      fix: "e.g. '1h'; '0' reads each secret once",
    });
  }
  const rollout: unknown = env.secretRollout;
  if (rollout !== undefined && !SECRET_ROLLOUTS.includes(rollout as SecretRollout)) {
    out.push({
      code: 'E_SECRET_ROLLOUT',
      field: 'secretRollout',
      value: rollout,
      message: `must be ${SECRET_ROLLOUTS.map((r) => `'${r}'`).join(' or ')}`,
      fix: "'reloader' where Stakater Reloader runs in the cluster, else 'none'",
    });
  }
  return out;
}

/** Checks an environment's secret settings once, against apps/environments.ts. */
export function checkEnvironmentSecrets(env: Environment, problems: Problems): void {
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  for (const p of secretSettingProblems(env)) at.add(p);
}

/**
 * The app's secret references in this environment, and the store they are read from. Names are
 * checked: each env var must be a valid name that `env` and `config` do not also set, each file a
 * valid file name, and no env var and file may share a name (both are keys of one Secret).
 * Undefined when the app has no secrets.
 */
export function resolveSecrets(
  ctx: ResolveContext,
  plainEnv: Readonly<Record<string, string>>,
  config: Readonly<Record<string, string>> | undefined,
): ResolvedSecrets | undefined {
  const { def, env, prov, problems } = ctx;
  const envRefs = mergeRefs(ctx, 'secrets');
  const fileRefs = mergeRefs(ctx, 'secretFiles');
  if (envRefs.length === 0 && fileRefs.length === 0) return undefined;

  for (const ref of envRefs) {
    if (!isEnvVarName(ref.name)) {
      problems.add({
        code: 'E_ENV_NAME',
        field: ref.field,
        value: ref.name,
        message: 'is not a valid environment variable name',
        fix: 'use letters, digits, _ . and -, not starting with a digit',
      });
    }
    for (const [other, record] of [
      ['env', plainEnv],
      ['config', config ?? {}],
    ] as const) {
      if (record[ref.name] !== undefined) {
        problems.add({
          code: 'E_ENV_CONFLICT',
          field: ref.field,
          value: ref.name,
          message: `is also set by '${other}.${ref.name}'${ref.name === 'LOG_LEVEL' ? ' (the platform sets LOG_LEVEL)' : ''}, and a container has one value per variable`,
          fix: ref.name === 'LOG_LEVEL' ? 'rename the secret variable' : `remove ${other}.${ref.name}, or rename the secret variable`,
        });
      }
    }
  }
  const envNames = new Set(envRefs.map((r) => r.name));
  for (const ref of fileRefs) {
    const problem = fileNameProblem(ref.name);
    if (problem) problems.add({ code: 'E_FILE_NAME', field: ref.field, value: ref.name, message: problem, fix: "use a plain file name, e.g. 'tls.crt'" });
    if (envNames.has(ref.name)) {
      problems.add({
        code: 'E_SECRET_CONFLICT',
        field: ref.field,
        value: ref.name,
        message: `is also the name of a secret env var, and both would be key '${ref.name}' of the Secret '${appSecretName(def.name)}'`,
        fix: 'rename the file or the variable',
      });
    }
  }

  // The environment's settings were checked when it was resolved.
  const store = prov.pick('secretStore', inherited(env.secrets.store));
  const refreshInterval = prov.pick('secretRefreshInterval', inherited(env.secrets.refreshInterval));
  const rollout = prov.pick('secretRollout', inherited(env.secrets.rollout));
  return {
    store: { kind: store.kind, name: store.name },
    refreshInterval,
    reloadOnChange: rollout === 'reloader' && envRefs.length > 0 && def.kind !== 'scheduled-task' && def.kind !== 'batch-job',
    env: envRefs.map(resolvedRef),
    files: fileRefs.map(resolvedRef),
  };
}

interface MergedRef {
  readonly name: string;
  readonly key: string;
  readonly property?: string;
  /** The field the reference was written at, for messages. */
  readonly field: string;
}

/** The definition's references, then the override's, name by name; sorted by name; malformed ones reported and left out. */
function mergeRefs(ctx: ResolveContext, field: 'secrets' | 'secretFiles'): MergedRef[] {
  const { def, override, prov, problems } = ctx;
  const merged = new Map<string, { ref: unknown; origin: Origin }>();
  for (const [origin, layer] of [
    ['app', def[field]],
    ['override', override[field]],
  ] as const) {
    for (const [name, ref] of Object.entries(layer ?? {})) merged.set(name, { ref, origin });
  }
  const out: MergedRef[] = [];
  for (const name of [...merged.keys()].sort()) {
    const { ref, origin } = merged.get(name)!;
    const at = overrideField(ctx, `${field}.${name}`, origin === 'override');
    if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
      // A string or number here is most likely the secret itself: never echo it.
      problems.add({
        code: 'E_SECRET_REF',
        field: at,
        value: redacted(ref),
        message: 'must be a reference to the secret store, not a value',
        fix: `write ${name}: Secret.ref('<path in the secret store>')`,
      });
      continue;
    }
    const { key, property } = ref as Partial<SecretRef>;
    let ok = true;
    if (typeof key !== 'string' || key.trim() === '' || key !== key.trim()) {
      problems.add({
        code: 'E_SECRET_REF',
        field: `${at}.key`,
        value: key ?? null,
        message: "must be the secret's key in the store: a non-empty string without surrounding spaces",
        fix: "e.g. Secret.ref('shop/checkout-api/stripe')",
      });
      ok = false;
    }
    if (property !== undefined && (typeof property !== 'string' || property.trim() === '')) {
      problems.add({
        code: 'E_SECRET_REF',
        field: `${at}.property`,
        value: property,
        message: 'must be a non-empty string when given',
        fix: "name a property of the secret, e.g. Secret.ref('shop/checkout-api/stripe', 'apiKey'), or leave it out",
      });
      ok = false;
    }
    if (!ok) continue;
    const entry: MergedRef = { name, key: key as string, ...(property !== undefined ? { property } : {}), field: at };
    prov.record(`${field}.${name}`, origin, describeRef(entry));
    out.push(entry);
  }
  return out;
}

function resolvedRef(ref: MergedRef): ResolvedSecretRef {
  return { name: ref.name, key: ref.key, ...(ref.property !== undefined ? { property: ref.property } : {}) };
}

/** `Secret.ref('shop/db', 'password')`: what `platform explain` shows. */
function describeRef(ref: { key: string; property?: string }): string {
  return `Secret.ref(${[ref.key, ref.property]
    .filter((v) => v !== undefined)
    .map((v) => `'${v}'`)
    .join(', ')})`;
}
