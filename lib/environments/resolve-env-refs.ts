import { isEnvVarName } from '../internal/names';
import { appSecretName, configFilesName } from '../model/app-files';
import { DOWNWARD_FIELDS, DOWNWARD_KEYED_FIELD, DOWNWARD_RESOURCES, EnvFromSource, EnvRef } from '../model/env-ref';
import { ResolvedEnvFrom, ResolvedEnvRef } from '../model/resolved-container';
import { isList, ResolveContext } from './resolve-context';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A key of a ConfigMap or Secret. */
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const KINDS = ['field', 'resource', 'configMapKey', 'secretKey'] as const;

/**
 * Env vars Kubernetes fills in, and whole ConfigMaps and Secrets imported as env vars. Only the
 * downward API's fields and the container's own resources; only objects the platform does not
 * create (its own ConfigMap and Secret come from `config` and `secrets`, which it keeps in step).
 * `taken`: env var names already set by `env`, `secrets` and the data stores.
 */
export function resolveEnvRefs(ctx: ResolveContext, taken: ReadonlySet<string>): { envRefs: ResolvedEnvRef[]; envFrom: ResolvedEnvFrom[] } {
  const { def, problems, prov } = ctx;
  const envRefs: ResolvedEnvRef[] = [];
  for (const [name, ref] of Object.entries(def.envRefs ?? {})) {
    const field = `envRefs.${name}`;
    if (!isEnvVarName(name)) {
      problems.add({
        code: 'E_ENV_NAME',
        field,
        value: name,
        message: 'is not a valid environment variable name',
        fix: 'use letters, digits, _ . and -, not starting with a digit',
      });
    }
    if (taken.has(name)) {
      problems.add({
        code: 'E_ENV_CONFLICT',
        field,
        value: name,
        message: 'is also set by env, secrets or a data store',
        fix: `keep one definition of ${name}`,
      });
    }
    const source = envRefSource(ctx, field, ref);
    if (!source) continue;
    prov.record(field, 'app', describe(source));
    envRefs.push({ name, source });
  }
  const envFrom: ResolvedEnvFrom[] = [];
  const list: unknown = def.envFrom;
  if (list !== undefined && !isList(list)) {
    problems.add({ code: 'E_ENV_FROM', field: 'envFrom', value: list, message: 'must be a list', fix: "e.g. envFrom: [EnvFrom.configMap('shared-flags')]" });
  } else {
    (def.envFrom ?? []).forEach((source: EnvFromSource, i) => {
      const field = `envFrom[${i}]`;
      if (source?.kind !== 'configMap' && source?.kind !== 'secret') {
        problems.add({
          code: 'E_ENV_FROM',
          field: `${field}.kind`,
          value: (source as { kind?: unknown })?.kind ?? null,
          message: "must be 'configMap' or 'secret'",
          fix: 'build it with EnvFrom.configMap() or EnvFrom.existingSecret()',
        });
        return;
      }
      if (!checkObjectName(ctx, `${field}.name`, source.kind === 'configMap' ? 'configMapKey' : 'secretKey', source.name)) return;
      if (source.prefix !== undefined && (typeof source.prefix !== 'string' || !isEnvVarName(source.prefix))) {
        problems.add({
          code: 'E_ENV_NAME',
          field: `${field}.prefix`,
          value: source.prefix,
          message: 'is not a valid environment variable prefix',
          fix: "e.g. 'LEGACY_'",
        });
        return;
      }
      prov.record(field, 'app', `${source.kind} ${source.name}${source.prefix !== undefined ? ` (prefix ${source.prefix})` : ''}`);
      envFrom.push({ kind: source.kind, name: source.name, ...(source.prefix !== undefined ? { prefix: source.prefix } : {}) });
    });
  }
  return { envRefs: envRefs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), envFrom };
}

function envRefSource(ctx: ResolveContext, field: string, ref: EnvRef): ResolvedEnvRef['source'] | undefined {
  const { problems } = ctx;
  if (!KINDS.includes(ref?.kind)) {
    problems.add({
      code: 'E_ENV_REF',
      field,
      value: (ref as { kind?: unknown })?.kind ?? ref ?? null,
      message: 'is not an env reference',
      fix: 'build it with Env.fieldRef(), Env.resource(), Env.configMapKey() or Env.existingSecret()',
    });
    return undefined;
  }
  if (ref.kind === 'field') {
    const keyed = DOWNWARD_KEYED_FIELD.exec(ref.fieldPath ?? '');
    if (!(DOWNWARD_FIELDS as readonly string[]).includes(ref.fieldPath) && !keyed) {
      problems.add({
        code: 'E_DOWNWARD_FIELD',
        field: `${field}.fieldPath`,
        value: ref.fieldPath ?? null,
        message: `is not a field the downward API gives an env var (${DOWNWARD_FIELDS.join(', ')}, metadata.labels['<key>'], metadata.annotations['<key>'])`,
        fix: "e.g. Env.fieldRef('metadata.name') for the pod's name",
      });
      return undefined;
    }
    return { kind: 'field', fieldPath: ref.fieldPath };
  }
  if (ref.kind === 'resource') {
    if (!(DOWNWARD_RESOURCES as readonly string[]).includes(ref.resource)) {
      problems.add({
        code: 'E_DOWNWARD_FIELD',
        field: `${field}.resource`,
        value: ref.resource ?? null,
        message: `is not a resource the downward API gives (${DOWNWARD_RESOURCES.join(', ')})`,
        fix: "e.g. Env.resource('limits.memory')",
      });
      return undefined;
    }
    return { kind: 'resource', resource: ref.resource };
  }
  if (!checkObjectName(ctx, `${field}.name`, ref.kind, ref.name)) return undefined;
  if (typeof ref.key !== 'string' || ref.key.length > 253 || !DATA_KEY.test(ref.key)) {
    problems.add({
      code: 'E_ENV_REF',
      field: `${field}.key`,
      value: ref.key ?? null,
      message: "is not a ConfigMap or Secret key (letters, digits, '-', '_' and '.')",
      fix: "e.g. 'password'",
    });
    return undefined;
  }
  return { kind: ref.kind, name: ref.name, key: ref.key };
}

/** The object must be named validly and must not be one the platform writes for this app (those follow `config` and `secrets`). */
function checkObjectName(ctx: ResolveContext, field: string, kind: 'configMapKey' | 'secretKey', name: unknown): boolean {
  const app = ctx.def.name;
  if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    ctx.problems.add({ code: 'E_ENV_REF', field, value: name ?? null, message: 'is not a Kubernetes object name', fix: "e.g. 'shared-flags'" });
    return false;
  }
  const own = kind === 'configMapKey' ? [app, configFilesName(app)] : [appSecretName(app)];
  if (own.includes(name)) {
    ctx.problems.add({
      code: 'E_ENV_REF_OWN',
      field,
      value: name,
      message: `is the ${kind === 'configMapKey' ? 'ConfigMap' : 'Secret'} the platform writes for this app`,
      fix: kind === 'configMapKey' ? 'read its values through `config` (already env vars)' : "use `secrets: { NAME: Secret.ref('<path>') }`",
    });
    return false;
  }
  return true;
}

function describe(source: ResolvedEnvRef['source']): string {
  switch (source.kind) {
    case 'field':
      return `field ${source.fieldPath}`;
    case 'resource':
      return `resource ${source.resource}`;
    case 'configMapKey':
      return `configMap ${source.name} key ${source.key}`;
    case 'secretKey':
      return `existing secret ${source.name} key ${source.key}`;
  }
}
