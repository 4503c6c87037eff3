import { looksSecret } from '../internal/looks-secret';
import { configFilesName } from '../model/app-files';
import { ResolveContext } from './resolve-context';

/**
 * The policy rules that look for the same literals in the rendered objects (lib/policy/rules).
 * A waiver of one of them in the definition is the reviewed escape from a false positive here
 * too: resolution lets the value through, and the check then reports it as waived.
 */
export const SECRET_IN_ENV_RULE = 'secret-in-env';
export const SECRET_IN_CONFIG_MAP_RULE = 'secret-in-config-map';

/** `<redacted: 21 characters>`: what a message shows in place of a value that may be a secret. */
export function redacted(value: unknown): unknown {
  if (typeof value === 'number') value = String(value);
  return typeof value === 'string' ? `<redacted: ${value.length} characters>` : value;
}

/**
 * Secrets are only ever references. Rejects a literal that looks like a secret (by its name, e.g.
 * DB_PASSWORD, or by its value, e.g. a private key or a URL with a password) in `env`, `config`
 * and `configFiles` of the definition and of this environment's override. Messages name the field
 * and the value's length, never the value: they end up in CI logs.
 */
/** The object that holds an app's env vars, by kind (what a waiver names). */
const WORKLOAD_KIND = {
  'web-service': 'Deployment',
  worker: 'Deployment',
  'scheduled-task': 'CronJob',
  'stateful-service': 'StatefulSet',
  'batch-job': 'Job',
} as const;

export function checkSecretLiterals(ctx: ResolveContext): void {
  const { def, env, override } = ctx;
  const toSecret = (name: string) => `move it to \`secrets: { ${name}: Secret.ref('<path>') }\``;
  const checks = [
    { field: 'env', rule: SECRET_IN_ENV_RULE, object: { kind: WORKLOAD_KIND[def.kind], name: def.name }, move: toSecret },
    { field: 'config', rule: SECRET_IN_CONFIG_MAP_RULE, object: { kind: 'ConfigMap', name: def.name }, move: toSecret },
    {
      field: 'configFiles',
      rule: SECRET_IN_CONFIG_MAP_RULE,
      object: { kind: 'ConfigMap', name: configFilesName(def.name) },
      move: (name: string) => `move it to \`secretFiles: { '${name}': Secret.ref('<path>') }\``,
    },
  ] as const;
  for (const check of checks) {
    if (waived(ctx, check.rule, check.object)) continue;
    for (const [prefix, layer] of [
      ['', def],
      [`environments.${env.name}.`, override],
    ] as const) {
      for (const [name, value] of Object.entries(layer[check.field] ?? {})) {
        reject(ctx, `${prefix}${check.field}.${name}`, name, value, check.move(name), check.rule);
      }
    }
  }
}

function reject(ctx: ResolveContext, field: string, name: string, value: unknown, move: string, rule: string): void {
  if (typeof value !== 'string') return;
  const reason = looksSecret(name, value);
  if (!reason) return;
  ctx.problems.add({
    code: 'E_SECRET_LITERAL',
    field,
    value: redacted(value),
    message: `holds what looks like a literal secret (${reason}); secrets are only ever references to the secret store`,
    fix: `${move} and rotate it, since git has seen it; if it is not a secret, waive rule '${rule}' with a reason`,
  });
}

/** Whether the definition waives `rule` in this environment for the object that would carry the value. */
function waived(ctx: ResolveContext, rule: string, object: { kind: string; name: string }): boolean {
  return (ctx.def.waivers ?? []).some(
    (w) =>
      w.rule === rule &&
      (w.environment === undefined || w.environment === ctx.env.name) &&
      (w.object === undefined || (w.object.kind === object.kind && (w.object.name === undefined || w.object.name === object.name))),
  );
}
