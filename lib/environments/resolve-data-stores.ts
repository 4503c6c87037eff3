import { nameProblem, STATEFULSET_NAME_MAX } from '../internal/names';
import { parseQuantity } from '../internal/quantity';
import { DataStoreDependency } from '../model/dependency';
import { ResolvedPeer, ResolvedProbe } from '../model/resolved-app';
import { ResolvedDataStore } from '../model/resolved-data-store';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { addressVariable } from './resolve-graph';
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
  const declared = (def.dependsOn ?? []).map((d, i) => [d, i] as const).filter((e): e is readonly [DataStoreDependency, number] => e[0]?.kind === 'datastore');
  if (declared.length === 0) return out;
  const placement = prov.pick('dataStores', inherited(settings.placement));
  for (const [store, i] of declared) {
    const field = `dependsOn[${i}]`;
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
      const external = store.external?.[env.name];
      if (!external) {
        fail(
          `has no external address for ${env.name}, which keeps data stores outside the cluster`,
          store.name,
          `add external: { ${env.name}: { host, cidrs } } to Dependency.${store.engine}('${store.name}')`,
        );
        continue;
      }
      const port = external.port ?? engine.port;
      const bad = external.cidrs?.find((c) => !isCidr(c));
      if (!external.host || !isList(external.cidrs) || external.cidrs.length === 0 || bad !== undefined) {
        fail(
          `external.${env.name} needs a host and IPv4 address blocks`,
          bad ?? external.host ?? null,
          "e.g. { host: 'orders-db.internal', cidrs: ['10.40.0.0/16'] }",
        );
        continue;
      }
      out.stores.push({ name: store.name, engine: store.engine, placement, address: `${external.host}:${port}`, port, cidrs: [...external.cidrs] });
      out.env[variable] = `${external.host}:${port}`;
      for (const cidr of external.cidrs) out.egress.push({ kind: 'cidr', cidr, port, protocol: 'TCP' });
      continue;
    }
    const storage = store.storage ?? settings.storage;
    const parsed = parseQuantity(storage, 'bytes');
    if ('problem' in parsed) {
      fail(`storage ${parsed.problem}`, storage, parsed.fix);
      continue;
    }
    const address = `${objectName}.${namespace}.svc.cluster.local:${engine.port}`;
    out.stores.push({
      name: store.name,
      engine: store.engine,
      placement,
      address,
      port: engine.port,
      inCluster: {
        objectName,
        component: store.engine === 'redis' ? 'cache' : 'database',
        version: engine.image.slice(engine.image.lastIndexOf(':') + 1),
        image: engine.image,
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
        env: Object.entries(engine.env as Readonly<Record<string, string>>)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, value]) => ({ name, value })),
        args: [...engine.args],
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
    });
    out.env[variable] = address;
    out.egress.push({ kind: 'app', app: objectName, namespace, port: engine.port, protocol: 'TCP' });
  }
  return out;
}

function execProbe(command: readonly string[], timeoutSeconds: number, timing: ProbeTiming): ResolvedProbe {
  return { handler: { kind: 'exec', command: [...command] }, timeoutSeconds, ...timing };
}
