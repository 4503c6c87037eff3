import { createHash } from 'node:crypto';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';
import { configFilesVolume } from './config-files';
import { claimName } from './persistent-volume-claim';
import { secretEnvVars, secretFilesVolume } from './external-secret';
import { hardenedPlacement, tlsVolume } from './hardened-pod';
import { toProbe } from './probes';
import { toResourceRequirements } from './resources';
import { containerSecurityContext, podSecurityContext } from './security';
import { envFromSource, envRefVar, initContainersOf, lifecycleOf, plainSidecarsOf } from './extra-containers';

/** Annotation on the pod template holding a hash of the app's config values and files, so a config change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'platform.golden-path.dev/config-hash';
const TMP_VOLUME = 'tmp';

export interface PodTemplateOptions {
  /** Spread pods across zones and nodes (long-running workloads). */
  readonly spread: boolean;
  /**
   * Where the pods' persistent volumes come from: claims the stack creates and every pod shares
   * (a Deployment), or the StatefulSet's claim templates, one claim per pod (listed there, not here).
   * @default 'shared'
   */
  readonly claims?: 'shared' | 'per-pod';
  /** Pod restart policy. @default - Kubernetes' ('Always') */
  readonly restartPolicy?: 'OnFailure' | 'Never';
}

/** The golden-path pod: the app's container (and its sidecars and init containers), restricted security, probes, resources, graceful shutdown. */
export function podTemplate(app: ResolvedApp, options: PodTemplateOptions): k8s.PodTemplateSpec {
  const files = [configFilesVolume(app), secretFilesVolume(app), tlsVolume(app)].filter((f) => f !== undefined);
  const tmpMount = { name: TMP_VOLUME, mountPath: '/tmp' };
  const lifecycle = lifecycleOf(app.shutdown.preStop);
  const envFrom = [...(app.config ? [{ configMapRef: { name: app.name } }] : []), ...app.envFrom.map(envFromSource)];
  // Secret variables first, then references (Kubernetes fills both in), then plain values, which may use any of them as $(NAME).
  const env = [...secretEnvVars(app), ...app.envRefs.map((r) => envRefVar(r, app.containerName)), ...app.env.map((e) => ({ name: e.name, value: e.value }))];
  const shared = { tmpMount, env, envFrom };
  const container: k8s.Container = {
    name: app.containerName,
    image: app.image,
    imagePullPolicy: app.imagePullPolicy,
    ...(app.command ? { command: [...app.command] } : {}),
    ...(app.args ? { args: [...app.args] } : {}),
    ...(app.ports.length ? { ports: app.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })) } : {}),
    env,
    ...(envFrom.length ? { envFrom } : {}),
    resources: toResourceRequirements(app.resources),
    ...(app.probes
      ? { readinessProbe: toProbe(app.probes.readiness), livenessProbe: toProbe(app.probes.liveness), startupProbe: toProbe(app.probes.startup) }
      : {}),
    ...(lifecycle ? { lifecycle } : {}),
    securityContext: containerSecurityContext(app),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [tmpMount, ...files.map((f) => f.mount), ...app.volumes.map((v) => ({ name: v.name, mountPath: v.path }))],
  };
  // The app's own annotations first: the platform's (config hash) always win.
  const annotations: Record<string, string> = { ...app.pod.annotations };
  if (app.config !== undefined || app.configFiles !== undefined) annotations[CONFIG_HASH_ANNOTATION] = configHash(app.config ?? {}, app.configFiles);
  const initContainers = initContainersOf(app, shared);
  return {
    metadata: { labels: { ...app.pod.labels, ...app.labels }, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      ...podIdentity({ serviceAccount: app.name, security: app.security, gracePeriodSeconds: app.shutdown.gracePeriodSeconds }),
      ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
      ...(options.spread ? { topologySpreadConstraints: spread(app, options.claims ?? 'shared') } : {}),
      ...hardenedPlacement(app),
      ...(initContainers.length ? { initContainers } : {}),
      containers: [container, ...plainSidecarsOf(app, shared)],
      volumes: [scratchVolume(TMP_VOLUME, app.scratchSize), ...files.map((f) => f.volume), ...declaredVolumes(app, options.claims ?? 'shared')],
    },
  };
}

/**
 * What every golden-path pod spec has, an app's or a data store's: its own ServiceAccount without
 * an API token, no service links, the restricted security context and its shutdown grace.
 */
export function podIdentity(pod: {
  readonly serviceAccount: string;
  readonly security: ResolvedApp['security'];
  readonly gracePeriodSeconds: number;
}): Omit<k8s.PodSpec, 'containers'> {
  return {
    serviceAccountName: pod.serviceAccount,
    automountServiceAccountToken: false,
    // Service links inject an env var per Service in the namespace: noisy and order-dependent.
    enableServiceLinks: false,
    securityContext: podSecurityContext(pod),
    terminationGracePeriodSeconds: pod.gracePeriodSeconds,
  };
}

/** A writable emptyDir (the root filesystem is read-only), limited in size. */
export function scratchVolume(name: string, sizeLimit: string): k8s.Volume {
  return { name, emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeLimit) } };
}

/** The app's own volumes as pod volumes: emptyDirs, and the shared claims of a Deployment. */
function declaredVolumes(app: ResolvedApp, claims: 'shared' | 'per-pod'): k8s.Volume[] {
  return app.volumes.flatMap((v): k8s.Volume[] => {
    if (v.kind === 'emptyDir') return [{ name: v.name, emptyDir: { sizeLimit: k8s.Quantity.fromString(v.size), ...(v.medium ? { medium: v.medium } : {}) } }];
    return claims === 'shared' ? [{ name: v.name, persistentVolumeClaim: { claimName: claimName(app, v) } }] : [];
  });
}

/** One constraint per failure domain the platform spreads over (ResolvedApp.topologySpread). */
function spread(app: ResolvedApp, claims: 'shared' | 'per-pod'): k8s.TopologySpreadConstraint[] {
  const { topologyKeys, maxSkew, whenUnsatisfiable } = app.topologySpread;
  return topologyKeys.map((topologyKey) => ({
    topologyKey,
    maxSkew,
    whenUnsatisfiable,
    labelSelector: { matchLabels: { ...app.selector } },
    // Count only pods of the same rollout, so a new ReplicaSet spreads on its own. A StatefulSet
    // replaces its pods one by one in place: they all count.
    ...(claims === 'shared' ? { matchLabelKeys: ['pod-template-hash'] } : {}),
  }));
}

/**
 * A short, stable digest of the config values and files (keys sorted, so insertion order does not
 * matter). Values alone hash as they did before files existed, so adding file support rolled no pods.
 */
export function configHash(config: Readonly<Record<string, string>>, files?: Readonly<Record<string, string>>): string {
  const pairs = (record: Readonly<Record<string, string>>) =>
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]);
  const canonical = JSON.stringify(files && Object.keys(files).length > 0 ? { config: pairs(config), files: pairs(files) } : pairs(config));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
