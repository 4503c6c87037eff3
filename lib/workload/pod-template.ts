import { createHash } from 'node:crypto';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';
import { configFilesVolume } from './config-files';
import { secretEnvVars, secretFilesVolume } from './external-secret';
import { hardenedPlacement, tlsVolume } from './hardened-pod';
import { toProbe } from './probes';
import { toResourceRequirements } from './resources';
import { containerSecurityContext, podSecurityContext } from './security';

/** Annotation on the pod template holding a hash of the app's config values and files, so a config change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'platform.golden-path.dev/config-hash';
const TMP_VOLUME = 'tmp';

export interface PodTemplateOptions {
  /** Spread pods across zones and nodes (long-running workloads). */
  readonly spread: boolean;
  /** Pod restart policy. @default - Kubernetes' ('Always') */
  readonly restartPolicy?: 'OnFailure' | 'Never';
}

/** The golden-path pod: one container, restricted security, probes, resources, graceful shutdown. */
export function podTemplate(app: ResolvedApp, options: PodTemplateOptions): k8s.PodTemplateSpec {
  const files = [configFilesVolume(app), secretFilesVolume(app), tlsVolume(app)].filter((f) => f !== undefined);
  const container: k8s.Container = {
    name: app.name,
    image: app.image,
    imagePullPolicy: app.imagePullPolicy,
    ...(app.command ? { command: [...app.command] } : {}),
    ...(app.args ? { args: [...app.args] } : {}),
    ...(app.ports.length ? { ports: app.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })) } : {}),
    // Secret variables first, so a plain value can use them as $(NAME).
    env: [...secretEnvVars(app), ...app.env.map((e) => ({ name: e.name, value: e.value }))],
    ...(app.config ? { envFrom: [{ configMapRef: { name: app.name } }] } : {}),
    resources: toResourceRequirements(app.resources),
    ...(app.probes
      ? { readinessProbe: toProbe(app.probes.readiness), livenessProbe: toProbe(app.probes.liveness), startupProbe: toProbe(app.probes.startup) }
      : {}),
    ...(app.shutdown.preStopSeconds > 0 ? { lifecycle: { preStop: { exec: { command: ['sleep', String(app.shutdown.preStopSeconds)] } } } } : {}),
    securityContext: containerSecurityContext(app),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [{ name: TMP_VOLUME, mountPath: '/tmp' }, ...files.map((f) => f.mount)],
  };
  const annotations: Record<string, string> = {};
  if (app.config !== undefined || app.configFiles !== undefined) annotations[CONFIG_HASH_ANNOTATION] = configHash(app.config ?? {}, app.configFiles);
  return {
    metadata: { labels: { ...app.labels }, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      ...podIdentity({ serviceAccount: app.name, security: app.security, gracePeriodSeconds: app.shutdown.gracePeriodSeconds }),
      ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
      ...(options.spread ? { topologySpreadConstraints: spread(app) } : {}),
      ...hardenedPlacement(app),
      containers: [container],
      volumes: [scratchVolume(TMP_VOLUME, app.scratchSize), ...files.map((f) => f.volume)],
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

/** One constraint per failure domain the platform spreads over (ResolvedApp.topologySpread). */
function spread(app: ResolvedApp): k8s.TopologySpreadConstraint[] {
  const { topologyKeys, maxSkew, whenUnsatisfiable } = app.topologySpread;
  return topologyKeys.map((topologyKey) => ({
    topologyKey,
    maxSkew,
    whenUnsatisfiable,
    labelSelector: { matchLabels: { ...app.selector } },
    // Count only pods of the same rollout, so a new ReplicaSet spreads on its own.
    matchLabelKeys: ['pod-template-hash'],
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
