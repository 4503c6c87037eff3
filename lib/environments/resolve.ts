import { sortRecord } from '../internal/sort-record';
import { Problems } from '../internal/errors';
import { ANNOTATION, LABEL, MANAGED_BY } from '../internal/labels';
import { CRONJOB_NAME_MAX, DNS_LABEL_MAX, JOB_APP_NAME_MAX, isEnvVarName, nameProblem, STATEFULSET_NAME_MAX } from '../internal/names';
import { SourcedApp } from '../model/app-definition';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp, ResolvedPeer } from '../model/resolved-app';
import { reservedNamespace } from './reserved-namespaces';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { inherited, Provenance } from './provenance';
import { runbookIndex } from './resolve-environment';
import { ResolveContext } from './resolve-context';
import { TimeZones } from './time-zones';
import { Release, resolveImage } from './resolve-image';
import { namespaceName } from './resolve-namespace';
import { resolveNetwork } from './resolve-network';
import { resolvePorts } from './resolve-ports';
import { resolveProbes } from './resolve-probes';
import { resolveReplicas } from './resolve-replicas';
import { resolveResources } from './resolve-resources';
import { resolveDataStores } from './resolve-data-stores';
import { resolveMonitoring } from './resolve-monitoring';
import { exposureIngress, resolveExposure } from './resolve-exposure';
import { resolveSchedule } from './resolve-schedule';
import { resolveBatchJob } from './resolve-batch-job';
import { checkSecretLiterals } from './check-secret-literals';
import { resolveConfigFiles } from './resolve-config-files';
import { resolveSecrets } from './resolve-secrets';
import { checkEphemeralFit, checkSharedClaims, resolveStorage } from './resolve-volumes';
import { ResolvedVolume } from '../model/resolved-volume';
import { resolveContainers } from './resolve-containers';
import { resolveEnvRefs } from './resolve-env-refs';
import { resolvePodMetadata } from './resolve-pod-metadata';
import { resolveShutdown } from './resolve-shutdown';
import { checkHardenedDataStores, checkHardenedExposure, hardenPorts, hardenProbes, resolveHardening } from './resolve-hardening';

const COMPONENT = { 'web-service': 'server', worker: 'worker', 'scheduled-task': 'task', 'stateful-service': 'store', 'batch-job': 'job' } as const;

/**
 * Turns a short app definition into a fully explicit app for one environment. Precedence, lowest
 * first: the environment (resolved once, with the platform's defaults under it), the definition,
 * the definition's override for this environment, the release. Every problem found is reported at once.
 */
export function resolveApp(app: SourcedApp, env: ResolvedEnvironment, release?: Release, timeZones: TimeZones = new TimeZones()): ResolvedApp {
  const def = app.definition;
  const problems = new Problems({ source: app.source, app: def.name, environment: env.name });
  const ctx: ResolveContext = {
    def,
    env,
    override: def.environments?.[env.name] ?? {},
    prov: new Provenance(),
    problems,
    timeZones,
  };
  const { prov, override } = ctx;

  checkName(ctx, 'name', def.name, NAME_MAX[def.kind]);
  checkName(ctx, 'team', def.team, DNS_LABEL_MAX);
  prov.pick('namespace', inherited(env.namespacePattern));
  const namespace = namespaceName(def.team, env);
  checkReservedNamespace(ctx, namespace);

  const { image, version } = resolveImage(ctx, release);
  const hardening = resolveHardening(ctx, namespace, image);
  const { ports, servicePorts, fields: portFields } = hardenPorts(resolvePorts(ctx), hardening);
  const servicePort = servicePorts[0];
  const dataStores = resolveDataStores(ctx, namespace);
  checkHardenedDataStores(ctx, dataStores.stores, hardening);
  for (const name of Object.keys(dataStores.env)) {
    if (def.env?.[name] !== undefined || override.env?.[name] !== undefined) {
      problems.add({
        code: 'E_ENV_CONFLICT',
        field: `env.${name}`,
        value: name,
        message: 'is also set by a data store in dependsOn',
        fix: `remove env.${name}: the data store provides it`,
      });
    }
  }
  const envVars = prov.merge(
    'env',
    [env.profile.logLevel.origin, { LOG_LEVEL: env.profile.logLevel.value }],
    ['app', dataStores.env],
    ['app', def.env],
    ['override', override.env],
  );
  const config = def.config || override.config ? prov.merge('config', ['app', def.config], ['override', override.config]) : undefined;
  for (const [field, record] of [
    ['env', envVars],
    ['config', config ?? {}],
  ] as const) {
    for (const key of Object.keys(record)) {
      if (!isEnvVarName(key)) {
        problems.add({
          code: 'E_ENV_NAME',
          field: `${field}.${key}`,
          value: key,
          message: 'is not a valid environment variable name',
          fix: 'use letters, digits, _ . and -, not starting with a digit',
        });
      }
    }
  }
  checkSecretLiterals(ctx);
  const secrets = resolveSecrets(ctx, envVars, config);
  const { envRefs, envFrom } = resolveEnvRefs(ctx, new Set([...Object.keys(envVars), ...(secrets?.env ?? []).map((e) => e.name)]));
  const containers = resolveContainers(ctx, release, ports);

  const labels: Record<string, string> = {
    ...env.labels,
    [LABEL.name]: def.name,
    [LABEL.instance]: def.name,
    ...(version ? { [LABEL.version]: version } : {}),
    [LABEL.component]: COMPONENT[def.kind],
    [LABEL.partOf]: def.partOf ?? def.team,
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.team]: def.team,
    [LABEL.environment]: env.name,
    ...(hardening ? { [LABEL.dataClass]: hardening.dataClass } : {}),
  };
  // A tcp port has no request metrics convention: its SLO names its metrics, as a worker's does.
  const monitoring = resolveMonitoring(ctx, { namespace, ports, protocol: servicePort?.protocol === 'tcp' ? undefined : servicePort?.protocol });
  const storage = resolveStorage(ctx);
  const replicas = resolveReplicas(ctx);
  checkSharedClaims(ctx, storage.volumes, replicas);
  const resources = resolveResources(ctx);
  checkEphemeralFit(ctx, storage, resources);
  const health = resolveProbes(ctx, ports, servicePort);
  const probes = hardenProbes(ctx, health.probes, hardening);
  const exposure = resolveExposure(ctx, servicePort);
  checkHardenedExposure(ctx, exposure, hardening);
  const resolved: ResolvedApp = {
    kind: def.kind,
    name: def.name,
    team: def.team,
    description: def.description,
    source: app.source,
    environment: env.name,
    cluster: env.cluster,
    domain: env.domain,
    production: env.production,
    runbookIndex: runbookIndex(env),
    namespace,
    labels: sortRecord(labels),
    selector: { [LABEL.instance]: def.name, [LABEL.name]: def.name },
    annotations: sortRecord({ ...env.annotations, [ANNOTATION.source]: app.source }),
    image,
    imagePullPolicy: hardening
      ? prov.pick('imagePullPolicy', ['app', 'Always'])
      : prov.pick('imagePullPolicy', inherited(env.profile.imagePullPolicy), ['app', def.imagePullPolicy], ['override', override.imagePullPolicy]),
    ...containers,
    ...resolvePodMetadata(ctx),
    command: def.command,
    args: def.args,
    env: Object.keys(envVars)
      .sort()
      .map((name) => ({ name, value: envVars[name] })),
    envRefs,
    envFrom,
    config: config && sortRecord(config),
    configFiles: resolveConfigFiles(ctx),
    secrets,
    ports,
    servicePorts,
    servicePort,
    ...health,
    ...(probes ? { probes } : {}),
    resources,
    security: resolveSecurity(ctx, ports, portFields, storage.volumes),
    shutdown: resolveShutdown(ctx),
    topologySpread: prov.platform('topologySpread', PLATFORM_DEFAULTS.topologySpread),
    scratchSize: storage.scratchSize,
    volumes: storage.volumes,
    files: storage.files,
    statefulSet: resolveStatefulSet(ctx),
    replicas,
    rollout: resolveRollout(ctx, storage.volumes),
    maxUnavailable: def.kind === 'scheduled-task' || def.kind === 'batch-job' ? undefined : prov.pick('maxUnavailable', inherited(env.profile.maxUnavailable)),
    unhealthyPodEvictionPolicy:
      def.kind === 'scheduled-task' || def.kind === 'batch-job'
        ? undefined
        : prov.pick('unhealthyPodEvictionPolicy', ['platform', PLATFORM_DEFAULTS.unhealthyPodEvictionPolicy]),
    network: {
      ...resolveNetwork(ctx, namespace, [...scrapeIngress(ctx, ports, monitoring !== undefined), ...exposureIngress(exposure)], dataStores.egress),
      dns: env.dns,
    },
    dataStores: dataStores.stores,
    schedule: resolveSchedule(ctx),
    job: resolveBatchJob(ctx, { version, image, resources, volumes: storage.volumes }),
    monitoring,
    exposure,
    ...(hardening ? { hardening } : {}),
    waivers: def.waivers,
    provenance: prov.origins,
    settings: prov.values,
  };
  problems.throwIfAny();
  return resolved;
}

/** Longest name of each kind: a CronJob's and a StatefulSet's names leave room for what Kubernetes appends. */
const NAME_MAX = {
  'web-service': DNS_LABEL_MAX,
  worker: DNS_LABEL_MAX,
  'scheduled-task': CRONJOB_NAME_MAX,
  'stateful-service': STATEFULSET_NAME_MAX,
  'batch-job': JOB_APP_NAME_MAX,
} as const;

/**
 * How a Deployment replaces its pods. Pods that share a claim only one node (or pod) mounts are
 * recreated: a surge pod would wait for the claim forever, or run on the same data beside the old one.
 */
function resolveRollout(ctx: ResolveContext, volumes: readonly ResolvedVolume[]): ResolvedApp['rollout'] {
  const { def, prov } = ctx;
  if (def.kind !== 'web-service' && def.kind !== 'worker') return undefined;
  const exclusive = volumes.some((v) => v.kind === 'persistent' && v.accessMode !== 'ReadWriteMany');
  const strategy = prov.pick<'RollingUpdate' | 'Recreate'>('rollout.strategy', ['platform', exclusive ? 'Recreate' : 'RollingUpdate']);
  return {
    strategy,
    ...prov.platform('rollout', { revisionHistoryLimit: PLATFORM_DEFAULTS.rollout.revisionHistoryLimit, ...PLATFORM_DEFAULTS.rollout[def.kind] }),
  };
}

/** A stateful service's StatefulSet: stable pod names through `<app>-headless`, pods one at a time. */
function resolveStatefulSet(ctx: ResolveContext): ResolvedApp['statefulSet'] {
  const { def, prov } = ctx;
  if (def.kind !== 'stateful-service') return undefined;
  const d = PLATFORM_DEFAULTS.statefulService;
  return {
    serviceName: `${def.name}-headless`,
    ...prov.platform('statefulSet', {
      podManagementPolicy: d.podManagementPolicy,
      updateStrategy: d.updateStrategy,
      publishNotReadyAddresses: d.publishNotReadyAddresses,
    }),
  };
}

/** Prometheus may reach the metrics port from its namespace, and nothing else. */
function scrapeIngress(ctx: ResolveContext, ports: ResolvedApp['ports'], monitored: boolean): ResolvedPeer[] {
  const metrics = ports.find((p) => p.name === 'metrics');
  if (!monitored || !metrics) return [];
  const namespace = ctx.prov.pick('monitoring.prometheusNamespace', inherited(ctx.env.monitoring.prometheusNamespace));
  return [{ kind: 'namespace', namespace, port: metrics.port, protocol: 'TCP' }];
}

/** A team may not claim the cluster's namespaces or the platform's, by its name or by its namespace. */
function checkReservedNamespace(ctx: ResolveContext, namespace: string): void {
  const team = ctx.def.team;
  if (typeof team !== 'string') return;
  for (const [what, name] of [
    ['team', team],
    ['namespace', namespace],
  ] as const) {
    const why = reservedNamespace(name, ctx.env);
    if (why === undefined) continue;
    ctx.problems.add({
      code: 'E_TEAM_RESERVED',
      field: 'team',
      value: team,
      message: what === 'team' ? `is a reserved namespace: ${why}` : `gives namespace '${namespace}', which is reserved: ${why}`,
      fix: "use the team's own name (its folder under apps/), e.g. 'payments'",
    });
    return;
  }
}

function checkName(ctx: ResolveContext, field: string, value: unknown, max: number): void {
  const problem = typeof value === 'string' ? nameProblem(value, max) : 'must be a string';
  if (problem) {
    ctx.problems.add({
      code: field === 'team' ? 'E_TEAM' : 'E_NAME',
      field,
      value: value ?? null,
      message: problem,
      fix: `use a lowercase DNS label of at most ${max} characters, e.g. 'checkout'`,
    });
  }
}

function resolveSecurity(
  ctx: ResolveContext,
  ports: ResolvedApp['ports'],
  portFields: Readonly<Record<string, string>>,
  volumes: readonly ResolvedVolume[],
): ResolvedApp['security'] {
  const { def, prov, problems } = ctx;
  const runAsUser = prov.pick('security.runAsUser', ['platform', PLATFORM_DEFAULTS.runAsUser], ['app', def.security?.runAsUser]);
  if (!Number.isInteger(runAsUser) || runAsUser <= 0) {
    problems.add({
      code: 'E_RUN_AS_USER',
      field: 'security.runAsUser',
      value: runAsUser,
      message: 'must be a whole number above 0 (pods never run as root)',
      fix: 'use the UID the image runs as, or leave it out for 10001',
    });
  }
  const bindPrivileged = prov.pick('security.bindPrivilegedPorts', ['platform', false], ['app', def.security?.bindPrivilegedPorts]);
  const low = ports.find((p) => p.port < 1024);
  if (low && !bindPrivileged) {
    const field = portFields[low.name];
    // Only a serving port has a Service port to keep at the low number.
    const servicePortField = field === 'port' ? 'servicePort' : field.startsWith('ports.') ? field.replace(/\.port$/, '.servicePort') : undefined;
    problems.add({
      code: 'E_PRIVILEGED_PORT',
      field,
      value: low.port,
      message: 'is below 1024, which a non-root process cannot bind',
      fix: servicePortField
        ? `listen on a port >= 1024 and set ${servicePortField}: ${low.port} (the Service still exposes ${low.port}), or set security.bindPrivilegedPorts: true`
        : 'listen on a port >= 1024, or set security.bindPrivilegedPorts: true',
    });
  }
  return {
    runAsUser,
    runAsGroup: runAsUser,
    readOnlyRootFilesystem: !prov.pick('security.writableRootFilesystem', ['platform', false], ['app', def.security?.writableRootFilesystem]),
    addCapabilities: bindPrivileged ? ['NET_BIND_SERVICE'] : [],
    ...(volumes.some((v) => v.kind === 'persistent')
      ? { fsGroupChangePolicy: prov.pick('security.fsGroupChangePolicy', ['platform', PLATFORM_DEFAULTS.fsGroupChangePolicy]) }
      : {}),
  };
}
