import { Problems } from '../internal/errors';
import { ANNOTATION, LABEL, MANAGED_BY } from '../internal/labels';
import { nameProblem, STATEFULSET_NAME_MAX } from '../internal/names';
import { sortRecord } from '../internal/sort-record';
import { SourcedDataStore } from '../model/data-store-definition';
import { ResolvedPeer } from '../model/resolved-app';
import { ResolvedDataStore } from '../model/resolved-data-store';
import { ResolvedSharedDataStore } from '../model/resolved-shared-data-store';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { externalStore, inClusterStore } from './resolve-data-stores';
import { namespaceName } from './resolve-namespace';

const ENGINES = ['postgres', 'redis'];

/**
 * A shared data store in one environment: in the cluster where the environment's profile keeps
 * stores in the cluster or the definition's `inCluster` names the environment, else at its
 * `external` address. Undefined (with problems) when the definition is wrong here.
 */
export function resolveSharedDataStore(sourced: SourcedDataStore, env: ResolvedEnvironment, problems: Problems): ResolvedSharedDataStore | undefined {
  const { definition: def, source } = sourced;
  const at = problems.at({ source, app: def.name, environment: env.name });
  const before = problems.size;
  const fail = (field: string) => (message: string, value: unknown, fix: string) => at.add({ code: 'E_DATA_STORE', field, value, message, fix });
  const problem = typeof def.name === 'string' ? nameProblem(def.name, STATEFULSET_NAME_MAX) : 'must be a string';
  if (problem) fail('name')(problem, def.name ?? null, `use a lowercase DNS label of at most ${STATEFULSET_NAME_MAX} characters, e.g. 'accounts-db'`);
  const teamProblem = typeof def.team === 'string' ? nameProblem(def.team) : 'must be a string';
  if (teamProblem) fail('team')(teamProblem, def.team ?? null, "use the team's folder name, e.g. 'bank'");
  if (!ENGINES.includes(def.engine))
    fail('engine')(`is not one the platform runs (${ENGINES.join(', ')})`, def.engine ?? null, "use engine: 'postgres' or 'redis'");
  if (def.engine === 'redis') {
    for (const field of ['database', 'user', 'password'] as const) {
      if (def[field] !== undefined) fail(field)('is for postgres only: redis has no databases or users to create', field, `remove ${field}`);
    }
  }
  if (def.image !== undefined && !/[:@][^/]+$/.test(def.image.slice(def.image.lastIndexOf('/')))) {
    fail('image')('has no tag or digest, so the store would change under its callers', def.image, "pin it: 'ghcr.io/acme/accounts-db:2024-06-01'");
  }
  if (problems.size > before) return undefined;

  const namespace = namespaceName(def.team, env);
  const inCluster = (def.inCluster ?? []).includes(env.name) || env.profile.dataStores.placement.value === 'in-cluster';
  let store: ResolvedDataStore | undefined;
  if (inCluster) {
    const variables: Record<string, string> = { ...def.settings };
    if (def.database !== undefined) variables.POSTGRES_DB = def.database;
    if (def.user !== undefined) variables.POSTGRES_USER = def.user;
    store = inClusterStore({
      env,
      engineName: def.engine,
      name: def.name,
      objectName: def.name,
      storage: def.storage,
      image: def.image,
      variables,
      // With a password, the engine asks for it instead of trusting every caller the NetworkPolicy admits.
      without: def.password ? ['POSTGRES_HOST_AUTH_METHOD'] : [],
      password: def.password && { ref: def.password, store: env.secrets.store.value, refreshInterval: env.secrets.refreshInterval.value },
      fail: fail('storage'),
    });
  } else {
    store = externalStore({
      env,
      engineName: def.engine,
      name: def.name,
      external: def.external,
      factory: `dataStore({ name: '${def.name}' })`,
      fail: fail('external'),
    });
  }
  if (!store) return undefined;
  const [host] = store.address.split(':');
  const callerEgress: ResolvedPeer[] = store.inCluster
    ? [{ kind: 'app', app: def.name, namespace, port: store.port, protocol: 'TCP' }]
    : (store.cidrs ?? []).map((cidr) => ({ kind: 'cidr', cidr, port: store.port, protocol: 'TCP' }));
  // The postgres image creates POSTGRES_USER's database when POSTGRES_DB is not set.
  const user = def.user ?? PLATFORM_DEFAULTS.dataStores.engines.postgres.user;
  return {
    name: def.name,
    team: def.team,
    source,
    environment: env.name,
    namespace,
    store,
    address: {
      host,
      port: store.port,
      name: def.name,
      namespace,
      ...(def.engine === 'postgres' ? { user, database: def.database ?? user } : {}),
    },
    callerEgress,
    labels: sortRecord({
      ...env.labels,
      [LABEL.name]: def.name,
      [LABEL.instance]: def.name,
      [LABEL.partOf]: def.team,
      [LABEL.managedBy]: MANAGED_BY,
      [LABEL.team]: def.team,
      [LABEL.environment]: env.name,
    }),
    annotations: sortRecord({ ...env.annotations, [ANNOTATION.source]: source }),
    dns: env.dns,
  };
}
