import { Problems } from '../internal/errors';
import { Environment } from '../model/environment';
import { EnvironmentMonitoring } from '../model/environment-monitoring';
import { GitOpsSettings } from '../model/gitops';
import { FEATURE_SINCE, kubernetesMinor } from '../model/kubernetes-version';
import { Resources } from '../model/resources';
import { VolumeAccessMode } from '../model/volume';
import {
  EnvironmentOrigin,
  ResolvedEnvironment,
  ResolvedEnvironmentMonitoring,
  ResolvedGitOps,
  ResolvedIngressSettings,
  ResolvedProfile,
  Sourced,
} from '../model/resolved-environment';
import { ResolvedDns } from '../model/resolved-app';
import { checkEnvironment } from './check-environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { defaultProductionEnvironments } from './production';
import { Provenance } from './provenance';
import { resolveAdmission } from './resolve-admission';
import { resolveGitOps } from './resolve-gitops';
import { resolveEnvironmentHardening } from './check-environment-hardening';
import { resolveBatchSettings } from './resolve-batch-settings';

/** The settings of EnvironmentMonitoring, each with its platform default. */
function MONITORING_FIELDS(): Required<EnvironmentMonitoring> {
  const d = PLATFORM_DEFAULTS.monitoring;
  return {
    ruleLabels: d.ruleLabels,
    monitorLabels: d.monitorLabels,
    prometheusNamespace: d.prometheusNamespace,
    scrapeInterval: d.scrapeInterval,
    grafanaUrl: d.grafanaUrl,
    runbookUrl: d.runbookUrl,
    dashboardLabels: d.dashboardLabels,
    dashboardFolderAnnotation: d.dashboardFolderAnnotation,
    dashboardFolder: d.dashboardFolder,
  };
}

/**
 * Every environment of apps/environments.ts, each checked and resolved once, with the project's
 * GitOps settings (resolved once too). Problems of all environments go to `problems`.
 */
export function resolveEnvironments(environments: readonly Environment[], gitops: GitOpsSettings | undefined, problems: Problems): ResolvedEnvironment[] {
  const gitopsProv = new Provenance();
  const resolvedGitOps = resolveGitOps(gitops, problems, gitopsProv);
  return environments.map((env) => resolveEnvironment(env, problems, { gitops: resolvedGitOps, gitopsProvenance: gitopsProv }));
}

export interface ResolveEnvironmentOptions {
  /** The project's GitOps settings, resolved. @default - the platform's: no Argo CD Applications, the guard at 25% */
  readonly gitops?: ResolvedGitOps;
  /** Where the GitOps values came from, copied into the environment's provenance. @default - every value the platform's */
  readonly gitopsProvenance?: Provenance;
}

/**
 * One environment with every default applied: the platform's defaults, then what
 * apps/environments.ts sets. Checked first, every problem at once, against apps/environments.ts;
 * each value remembers the layer it came from.
 */
export function resolveEnvironment(env: Environment, problems: Problems, options: ResolveEnvironmentOptions = {}): ResolvedEnvironment {
  checkEnvironment(env, problems);
  const prov = new Provenance();
  const inherit = <T>(field: string, platform: T, own: T | undefined): Sourced<T> => {
    const origin: EnvironmentOrigin = own !== undefined ? 'environment' : 'platform';
    const value = own !== undefined ? own : platform;
    prov.record(field, origin, value);
    return { value, origin };
  };
  const d = PLATFORM_DEFAULTS;
  const gitopsProv = options.gitopsProvenance ?? new Provenance();
  const gitops = options.gitops ?? resolveGitOps(undefined, problems, gitopsProv);
  prov.include(gitopsProv);

  const production = env.production ?? defaultProductionEnvironments().includes(env.name);
  prov.record('production', env.production !== undefined ? 'environment' : 'platform', production);
  const version = inherit('kubernetesVersion', d.kubernetesVersion as string, env.kubernetesVersion);
  // An invalid version is reported by checkEnvironment; the platform's features then stay off.
  const minor = kubernetesMinor(version.value) ?? 0;
  const quota = { ...d.quota, ...(env.profile?.quota ?? {}) };
  for (const key of Object.keys(quota) as (keyof typeof quota)[])
    prov.record(`profile.quota.${key}`, env.profile?.quota?.[key] !== undefined ? 'environment' : 'platform', quota[key]);

  return {
    name: env.name,
    cluster: env.cluster,
    domain: env.domain,
    production,
    kubernetes: { version, nativeSidecars: minor >= FEATURE_SINCE.nativeSidecars, preStopSleep: minor >= FEATURE_SINCE.preStopSleep },
    namespacePattern: inherit('namespacePattern', d.namespacePattern as string, env.namespacePattern),
    profile: resolveProfile(env, production, inherit, prov),
    quota,
    labels: { ...(env.labels ?? {}) },
    annotations: { ...(env.annotations ?? {}) },
    monitoring: Object.fromEntries(
      Object.entries(MONITORING_FIELDS()).map(([key, platform]) => [
        key,
        inherit(`monitoring.${key}`, platform, env.monitoring?.[key as keyof EnvironmentMonitoring]),
      ]),
    ) as unknown as ResolvedEnvironmentMonitoring,
    secrets: {
      store: inherit('secretStore', { ...d.secretStore }, env.secretStore),
      refreshInterval: inherit('secretRefreshInterval', d.secretRefreshInterval as string, env.secretRefreshInterval),
      rollout: inherit('secretRollout', d.secretRollout as NonNullable<Environment['secretRollout']>, env.secretRollout),
    },
    ingress: resolveIngress(env, inherit, prov),
    dns: resolveDns(env, prov),
    gitops,
    admission: resolveAdmission(env, inherit, problems),
    hardening: resolveEnvironmentHardening(env, prov),
    batch: resolveBatchSettings(env, prov),
    provenance: prov.origins,
    settings: prov.values,
  };
}

type Inherit = <T>(field: string, platform: T, own: T | undefined) => Sourced<T>;

function resolveProfile(env: Environment, production: boolean, inherit: Inherit, prov: Provenance): ResolvedProfile {
  const d = PLATFORM_DEFAULTS;
  const p = env.profile ?? {};
  const own: Resources = p.resources ?? {};
  const resource = (key: keyof typeof d.resources) => inherit(`profile.resources.${key}`, d.resources[key] as string, own[key]);
  // The platform sets no CPU or memory limit (the memory limit follows the request, app by app).
  const limit = (key: 'cpuLimit' | 'memoryLimit') => (own[key] !== undefined ? { [key]: inherit(`profile.resources.${key}`, '', own[key]) } : {});
  const resources: ResolvedProfile['resources'] = {
    cpu: resource('cpu'),
    memory: resource('memory'),
    ephemeralStorage: resource('ephemeralStorage'),
    ephemeralStorageLimit: resource('ephemeralStorageLimit'),
    ...limit('cpuLimit'),
    ...limit('memoryLimit'),
  };
  const s = d.dataStores;
  return {
    webServiceReplicas: inherit('profile.webServiceReplicas', d.webServiceReplicas as ResolvedProfile['webServiceReplicas']['value'], p.webServiceReplicas),
    workerReplicas: inherit('profile.workerReplicas', d.workerReplicas as ResolvedProfile['workerReplicas']['value'], p.workerReplicas),
    resources,
    maxUnavailable: inherit('profile.maxUnavailable', d.maxUnavailable as number, p.maxUnavailable),
    logLevel: inherit('profile.logLevel', d.logLevel as ResolvedProfile['logLevel']['value'], p.logLevel),
    imagePullPolicy: inherit('profile.imagePullPolicy', production ? d.productionImagePullPolicy : d.imagePullPolicy, p.imagePullPolicy),
    storage: {
      ...(p.storage?.storageClass !== undefined ? { storageClass: inherit('profile.storage.storageClass', '', p.storage.storageClass) } : {}),
      accessMode: inherit('profile.storage.accessMode', d.storage.accessMode as VolumeAccessMode, p.storage?.accessMode),
    },
    sidecarResources: prov.platform('profile.sidecarResources', { ...d.sidecarResources }),
    dataStores: {
      placement: inherit('profile.dataStores', s.placement as ResolvedProfile['dataStores']['placement']['value'], p.dataStores),
      ...prov.platform('profile.dataStores.inCluster', {
        storage: s.storage,
        replicas: s.replicas,
        imagePullPolicy: s.imagePullPolicy,
        accessMode: s.accessMode,
        maxUnavailable: s.maxUnavailable,
        ephemeralStorage: s.pod.ephemeralStorage,
        ephemeralStorageLimit: s.pod.ephemeralStorageLimit,
        scratchSize: s.pod.scratchSize,
        gracePeriodSeconds: s.pod.gracePeriodSeconds,
        probeTimeoutSeconds: s.pod.timeoutSeconds,
        readiness: { ...s.pod.readiness },
        liveness: { ...s.pod.liveness },
        startup: { ...s.pod.startup },
      }),
    },
  };
}

function resolveIngress(env: Environment, inherit: Inherit, prov: Provenance): ResolvedIngressSettings {
  const d = PLATFORM_DEFAULTS.ingress;
  const own = env.ingress ?? {};
  const mode = inherit('ingress.mode', d.mode as 'ingress' | 'gateway', own.mode);
  if (mode.value === 'gateway' && own.gateway) {
    const g = own.gateway;
    prov.record('ingress.gateway', 'environment', `${g.namespace}/${g.name}${g.sectionName !== undefined ? `#${g.sectionName}` : ''}`);
    return {
      mode: 'gateway',
      modeOrigin: mode.origin,
      gateway: { name: g.name, namespace: g.namespace, ...(g.sectionName !== undefined ? { sectionName: g.sectionName } : {}) },
      sourceNamespace: gatewaySource(g.proxyNamespace ?? g.namespace, prov),
    };
  }
  return {
    mode: 'ingress',
    modeOrigin: mode.origin,
    className: inherit('ingress.className', d.className as string, own.className),
    clusterIssuer: inherit('ingress.clusterIssuer', d.clusterIssuer as string, own.clusterIssuer),
    sourceNamespace: inherit('ingress.sourceNamespace', d.controllerNamespace as string, own.controllerNamespace),
  };
}

/** The gateway's proxies run beside it unless the environment says where: either way the environment's choice. */
function gatewaySource(namespace: string, prov: Provenance): Sourced<string> {
  prov.record('ingress.sourceNamespace', 'environment', namespace);
  return { value: namespace, origin: 'environment' };
}

function resolveDns(env: Environment, prov: Provenance): ResolvedDns {
  const d = PLATFORM_DEFAULTS.dns;
  const peers = prov.pick<ResolvedDns['peers']>('dns.peers', ['platform', d.peers], ['environment', env.dns?.peers]);
  const port = prov.pick<number>('dns.port', ['platform', d.port], ['environment', env.dns?.port]);
  return {
    peers: peers.map((p) => (p.kind === 'cidr' ? { kind: 'cidr', cidr: p.cidr } : { kind: 'pods', namespace: p.namespace, podLabels: { ...p.podLabels } })),
    port,
  };
}

/** The index of the golden-path runbooks: the runbook pattern up to `{alert}`, for the environment. */
export function runbookIndex(env: Pick<ResolvedEnvironment, 'name' | 'domain' | 'monitoring'>): string {
  return env.monitoring.runbookUrl.value
    .split('{alert}')[0]
    .replace(/\{domain\}/g, env.domain)
    .replace(/\{env\}/g, env.name);
}
