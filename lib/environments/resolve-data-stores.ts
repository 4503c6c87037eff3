import { nameProblem, STATEFULSET_NAME_MAX } from '../internal/names';
import { parseQuantity } from '../internal/quantity';
import { DataStoreDependency, ExternalDataStore } from '../model/dependency';
import { ResolvedPeer, ResolvedProbe } from '../model/resolved-app';
import { ResolvedDataStore } from '../model/resolved-data-store';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { addressVariable, dependenciesIn } from './resolve-graph';
import { isCidr } from './resolve-network';
import { isList, ResolveContext } from './resolve-context';
import { inherited } from './provenance';
import { ProbeTiming } from '../model/resolved-environment';

export interface ResolvedDataStores {
  readonly stores: ResolvedDataStore[];
  /** `<NAME>_ADDR` for each store. */
  readonly env: Record<string, string>;
  /** The app's way to each store: its pods in the cluster, or its address blocks outside. */
  readonly egress: ResolvedPeer[];
}

/** The app's data stores in this environment, placed where the environment's profile says. */
export function resolveDataStores(ctx: ResolveContext, namespace: string): ResolvedDataStores {
  const { def, env, prov, problems } = ctx;
  const settings = env.profile.dataStores;
  const out: ResolvedDataStores = { stores: [], env: {}, egress: [] };
  const dependencies = dependenciesIn(def, env.name);
  const declared = dependencies.entries.map((d, i) => [d, i] as const).filter((e): e is readonly [DataStoreDependency, number] => e[0]?.kind === 'datastore');
  if (declared.length === 0) return out;
  const placement = prov.pick('dataStores', inherited(settings.placement));
  for (const [store, i] of declared) {
    const field = `${dependencies.field}[${i}]`;
    const fail = (message: string, value: unknown, fix: string) => problems.add({ code: 'E_DATA_STORE', field, value, message, fix });
    const engine = PLATFORM_DEFAULTS.dataStores.engines[store.engine];
    if (!engine)
      return (
        fail(`engine '${store.engine}' is not one the platform runs (postgres, redis)`, store.engine, 'use Dependency.postgres() or Dependency.redis()'),
        out
      );
    const objectName = `${def.name}-${store.name}`;
    const problem = nameProblem(store.name ?? '');
    if (problem) {
      fail(`name ${problem}`, store.name, 'use a short lowercase name, e.g. orders-db');
      continue;
    }
    if (objectName.length > STATEFULSET_NAME_MAX) {
      problems.add({
        code: 'E_GENERATED_NAME',
        field,
        value: store.name,
        message: `makes the StatefulSet and Service name '${objectName}' (${objectName.length} characters); a StatefulSet's name may have at most ${STATEFULSET_NAME_MAX}, since its pods' controller-revision-hash label adds 11`,
        fix: `shorten the store's or the app's name so that '<app>-<store>' has at most ${STATEFULSET_NAME_MAX} characters`,
      });
      continue;
    }
    const variable = addressVariable(store.name);
    if (placement === 'external') {
      const external = externalStore({
        env,
        engineName: store.engine,
        name: store.name,
        external: store.external,
        fail,
        factory: `Dependency.${store.engine}('${store.name}')`,
      });
      if (!external) continue;
      out.stores.push(external);
      out.env[variable] = external.address;
      for (const cidr of external.cidrs!) out.egress.push({ kind: 'cidr', cidr, port: external.port, protocol: 'TCP' });
      continue;
    }
    const inCluster = inClusterStore({ env, engineName: store.engine, name: store.name, objectName, storage: store.storage, fail });
    if (!inCluster) continue;
    const { address } = inCluster;
    out.stores.push(inCluster);
    out.env[variable] = address;
    out.egress.push({ kind: 'app', app: objectName, namespace, port: engine.port, protocol: 'TCP' });
  }
  return out;
}

/** A store outside the cluster at the address given for this environment; undefined (with a problem) when there is none or it is wrong. */
export function externalStore(options: {
  readonly env: ResolveContext['env'];
  readonly engineName: 'postgres' | 'redis';
  readonly name: string;
  readonly external: Readonly<Partial<Record<string, ExternalDataStore>>> | undefined;
  /** How the team declared the store, for the fix. */
  readonly factory: string;
  readonly fail: (message: string, value: unknown, fix: string) => void;
}): ResolvedDataStore | undefined {
  const { env, engineName, name, fail } = options;
  const external = options.external?.[env.name];
  if (!external) {
    fail(
      `has no external address for ${env.name}, which keeps data stores outside the cluster`,
      name,
      `add external: { ${env.name}: { host, cidrs } } to ${options.factory}`,
    );
    return undefined;
  }
  const port = external.port ?? PLATFORM_DEFAULTS.dataStores.engines[engineName].port;
  const bad = external.cidrs?.find((c) => !isCidr(c));
  if (!external.host || !isList(external.cidrs) || external.cidrs.length === 0 || bad !== undefined) {
    fail(
      `external.${env.name} needs a host and IPv4 address blocks`,
      bad ?? external.host ?? null,
      "e.g. { host: 'orders-db.internal', cidrs: ['10.40.0.0/16'] }",
    );
    return undefined;
  }
  return { name, engine: engineName, placement: 'external', address: `${external.host}:${port}`, port, cidrs: [...external.cidrs] };
}

/** What makes an in-cluster store: where and how big; a seeded image, its own variables. */
export interface InClusterStoreOptions {
  readonly env: ResolveContext['env'];
  readonly engineName: 'postgres' | 'redis';
  /** As declared. */
  readonly name: string;
  /** Name of every object of the store. */
  readonly objectName: string;
  /** @default - the environment's */
  readonly storage?: string;
  /** @default - the engine's pinned image */
  readonly image?: string;
  /** Variables over the engine's own (database, user, init settings). @default - none */
  readonly variables?: Readonly<Record<string, string>>;
  /** The engine's own variables to leave out. @default - none */
  readonly without?: readonly string[];
  /** The engine's password, from the secret store. @default - none */
  readonly password?: NonNullable<ResolvedDataStore['inCluster']>['password'];
  readonly fail: (message: string, value: unknown, fix: string) => void;
}

/**
 * A store in the cluster: the engine's pod with the environment's settings. Shared by the stores
 * an app owns and the shared ones (resolve-shared-data-store.ts); undefined after a problem.
 */
export function inClusterStore(options: InClusterStoreOptions): ResolvedDataStore | undefined {
  const { env, engineName, name, objectName, fail } = options;
  const settings = env.profile.dataStores;
  const engine = PLATFORM_DEFAULTS.dataStores.engines[engineName];
  const storage = options.storage ?? settings.storage;
  const parsed = parseQuantity(storage, 'bytes');
  if ('problem' in parsed) {
    fail(`storage ${parsed.problem}`, storage, parsed.fix);
    return undefined;
  }
  const image = options.image ?? engine.image;
  const variables: Record<string, string> = { ...(engine.env as Readonly<Record<string, string>>), ...options.variables };
  for (const name of options.without ?? []) delete variables[name];
  return {
    name,
    engine: engineName,
    placement: 'in-cluster',
    // The app's own store shares its namespace: the short name resolves (resolve-address.ts).
    address: `${objectName}:${engine.port}`,
    port: engine.port,
    inCluster: {
      objectName,
      component: engineName === 'redis' ? 'cache' : 'database',
      version: imageTag(image),
      image,
      dataPath: engine.dataPath,
      storage,
      replicas: settings.replicas,
      imagePullPolicy: settings.imagePullPolicy,
      accessMode: settings.accessMode,
      ...(env.profile.storage.storageClass ? { storageClass: env.profile.storage.storageClass.value } : {}),
      maxUnavailable: settings.maxUnavailable,
      resources: {
        requests: { cpu: engine.cpu, memory: engine.memory, 'ephemeral-storage': settings.ephemeralStorage },
        limits: { memory: engine.memory, 'ephemeral-storage': settings.ephemeralStorageLimit },
      },
      security: {
        runAsUser: engine.uid,
        runAsGroup: engine.uid,
        readOnlyRootFilesystem: true,
        addCapabilities: [],
        fsGroupChangePolicy: PLATFORM_DEFAULTS.fsGroupChangePolicy,
      },
      env: Object.entries(variables)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, value]) => ({ name, value })),
      args: [...engine.args],
      ...(options.password ? { password: options.password } : {}),
      gracePeriodSeconds: settings.gracePeriodSeconds,
      writableDirs: [...engine.writableDirs],
      scratchSize: settings.scratchSize,
      unhealthyPodEvictionPolicy: PLATFORM_DEFAULTS.unhealthyPodEvictionPolicy,
      probes: {
        readiness: execProbe(engine.probeCommand, settings.probeTimeoutSeconds, settings.readiness),
        liveness: execProbe(engine.probeCommand, settings.probeTimeoutSeconds, settings.liveness),
        startup: execProbe(engine.probeCommand, settings.probeTimeoutSeconds, settings.startup),
      },
    },
  };
}

/** `app.kubernetes.io/version`: the image's tag (after a registry's port, never it), or its digest's start. */
function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0)
    return image
      .slice(at + 1)
      .replace(':', '-')
      .slice(0, 63);
  const name = image.slice(image.lastIndexOf('/') + 1);
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : 'latest';
}

function execProbe(command: readonly string[], timeoutSeconds: number, timing: ProbeTiming): ResolvedProbe {
  return { handler: { kind: 'exec', command: [...command] }, timeoutSeconds, ...timing };
}
