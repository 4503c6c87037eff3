import { pathKey } from '../environments/resolve-exposure';
import { Problems } from '../internal/errors';
import { nameProblem } from '../internal/names';
import { SourcedApp } from '../model/app-definition';
import { SourcedDataStore } from '../model/data-store-definition';
import { Environment } from '../model/environment';
import { ResolvedApp } from '../model/resolved-app';
import { Manifest, manifestId } from '../manifest/manifest';

/** Top-level folders of dist/ that are not environments. */
const RESERVED_FOLDERS = new Set(['argocd', 'catalog']);

/** Facts about the set of environments: unique, well-formed names (each environment's settings are checked when it is resolved). */
export function checkEnvironments(environments: readonly Environment[], problems: Problems): void {
  if (environments.length === 0) {
    problems.add({ code: 'E_NO_ENVIRONMENTS', field: 'environments', message: 'is empty', fix: 'declare at least one environment in apps/environments.ts' });
  }
  const seen = new Set<string>();
  for (const env of environments) {
    const problem = nameProblem(env.name ?? '');
    if (problem)
      problems.add({
        code: 'E_ENVIRONMENT_NAME',
        field: 'environments.name',
        value: env.name,
        message: problem,
        fix: "use a short lowercase name, e.g. 'prod'",
      });
    if (RESERVED_FOLDERS.has(env.name)) {
      problems.add({
        code: 'E_ENVIRONMENT_NAME',
        field: 'environments.name',
        value: env.name,
        message: `is reserved: dist/${env.name}/ holds the platform's own files`,
        fix: 'choose another name',
      });
    }
    if (seen.has(env.name))
      problems.add({
        code: 'E_ENVIRONMENT_DUPLICATE',
        source: 'apps/environments.ts',
        field: 'environments.name',
        value: env.name,
        message: 'is declared by two environments, so pins, overrides and dist/ folders could not tell them apart',
        fix: `rename one of the '${env.name}' environments, or remove it`,
      });
    seen.add(env.name);
  }
}

/** Overrides for environments that do not exist are typos that TypeScript cannot catch in plain JS. */
export function checkOverrideNames(apps: readonly SourcedApp[], environments: readonly Pick<Environment, 'name'>[], problems: Problems): void {
  const names = new Set(environments.map((e) => e.name));
  for (const { definition, source } of apps) {
    for (const env of (definition.only ?? []).filter((e) => !names.has(e))) {
      problems.add({
        code: 'E_UNKNOWN_ENVIRONMENT',
        source,
        app: definition.name,
        field: 'only',
        value: env,
        message: `names an environment that does not exist (known: ${[...names].join(', ')})`,
        fix: 'name one of the known environments',
      });
    }
    for (const env of Object.keys(definition.environments ?? {})) {
      if (!names.has(env)) {
        problems.add({
          code: 'E_UNKNOWN_ENVIRONMENT',
          source,
          app: definition.name,
          field: `environments.${env}`,
          message: `overrides an environment that does not exist (known: ${[...names].join(', ')})`,
          fix: 'rename the override to one of the known environments, or remove it',
        });
      }
    }
  }
}

/**
 * A shared data store's name is what callers name it by (`'bank/accounts-db'`) and the name of its
 * objects in the team's namespace: two stores, or a store and an app, may not share one.
 */
export function checkUniqueDataStores(
  apps: readonly SourcedApp[],
  dataStores: readonly SourcedDataStore[],
  environments: readonly Pick<Environment, 'name'>[],
  problems: Problems,
): void {
  // Environment names in a store are typo-checked by TypeScript only in a typed file, as overrides are.
  const names = new Set(environments.map((e) => e.name));
  for (const { definition, source } of dataStores) {
    const named = [
      ...(definition.inCluster ?? []).map((env) => ['inCluster', env] as const),
      ...Object.keys(definition.external ?? {}).map((env) => [`external.${env}`, env] as const),
    ];
    for (const [field, env] of named.filter(([, env]) => !names.has(env))) {
      problems.add({
        code: 'E_UNKNOWN_ENVIRONMENT',
        source,
        app: definition.name,
        field,
        value: env,
        message: `names an environment that does not exist (known: ${[...names].join(', ')})`,
        fix: 'name one of the known environments',
      });
    }
  }
  const owners = new Map<string, string>(apps.map((a) => [`${a.definition.team}/${a.definition.name}`, a.source]));
  for (const { definition, source } of dataStores) {
    const key = `${definition.team}/${definition.name}`;
    const other = owners.get(key);
    if (other !== undefined) {
      problems.add({
        code: 'E_DUPLICATE_DATA_STORE',
        source,
        app: definition.name,
        field: 'name',
        value: definition.name,
        message: `is also declared by ${other} in team '${definition.team}', so '${key}' and the store's objects would name two things`,
        fix: 'rename one of the two',
      });
    } else {
      owners.set(key, source);
    }
  }
}

/** Two apps with one name in one namespace would overwrite each other's objects. */
export function checkUniqueApps(resolved: readonly ResolvedApp[], problems: Problems): void {
  const owners = new Map<string, ResolvedApp>();
  for (const app of resolved) {
    const key = `${app.environment}/${app.namespace}/${app.name}`;
    const other = owners.get(key);
    if (other) {
      problems.add({
        code: 'E_DUPLICATE_APP',
        source: app.source,
        app: app.name,
        environment: app.environment,
        field: 'name',
        value: app.name,
        message: `is also used by ${other.source} in namespace '${app.namespace}'`,
        fix: 'rename one of the two apps',
      });
    } else {
      owners.set(key, app);
    }
  }
}

/**
 * Two apps rendering the same object (kind, namespace, name) would overwrite each other in the
 * cluster: `shop/checkout` has a dashboard ConfigMap `checkout-dashboard`, so an app named
 * `checkout-dashboard` in `shop` may not have a ConfigMap of its own.
 */
export function checkUniqueObjects(rendered: readonly { app: ResolvedApp; manifests: readonly Manifest[] }[], problems: Problems): void {
  const owners = new Map<string, ResolvedApp>();
  for (const { app, manifests } of rendered) {
    for (const m of manifests) {
      const key = `${app.environment}|${m.apiVersion.split('/')[0]}|${m.kind}|${m.metadata.namespace ?? ''}|${m.metadata.name}`;
      const other = owners.get(key);
      if (other && other !== app) {
        problems.add({
          code: 'E_OBJECT_CLASH',
          source: app.source,
          app: app.name,
          environment: app.environment,
          field: 'name',
          value: app.name,
          message: `renders ${manifestId(m)}, which ${other.source} renders too`,
          fix: 'rename one of the two apps',
        });
      } else {
        owners.set(key, app);
      }
    }
  }
}

/**
 * Two public apps claiming one host and path in one environment would fight over the same requests
 * (the controller or gateway silently picks one). A path and the same path with a trailing slash
 * are one claim; different paths on one host are fine (the longest prefix wins).
 */
export function checkUniqueHosts(resolved: readonly ResolvedApp[], problems: Problems): void {
  const owners = new Map<string, ResolvedApp>();
  for (const app of resolved) {
    const exposure = app.exposure;
    if (!exposure) continue;
    for (const path of exposure.paths) {
      const key = `${app.environment}|${exposure.host}|${pathKey(path)}`;
      const other = owners.get(key);
      if (other && other !== app) {
        const field = app.provenance.expose === 'override' ? `environments.${app.environment}.expose` : 'expose';
        problems.add({
          code: 'E_HOST_CLASH',
          source: app.source,
          app: app.name,
          environment: app.environment,
          field,
          value: `${exposure.host}${path}`,
          message: `claims host '${exposure.host}' and path '${path}', which app '${other.name}' (${other.source}) claims too`,
          // Default hosts stay '<app>.<domain>' (changing them would move live DNS names); two same-named apps must pick one.
          fix:
            app.provenance['expose.host'] === 'platform'
              ? `the host defaults to the app's name: give this one its own, e.g. ${field}: Exposure.public({ host: '${app.name}-${app.team}' }) or ({ fqdn: '...' })`
              : `give one of the two apps another host (${field}.host) or path (${field}.paths)`,
        });
      } else {
        owners.set(key, app);
      }
    }
  }
}
