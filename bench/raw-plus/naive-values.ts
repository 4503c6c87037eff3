import { AppDefinition, AppOverride, HealthCheck, Replicas, Resources } from '../../lib';
import { Environment } from '../../lib/api/platform';

/**
 * The values a hand-written cdk8s-plus program computes for one app in one environment: the same
 * precedence as our resolution (platform, environment, app, override) written as plain `??` and
 * spreads, with no validation, no provenance and no error reporting. It lives in the baseline so
 * the baseline does the same job (one definition in, per-environment objects out) without our
 * library; the values match what our pipeline resolves for the synthetic fleet.
 */

/** The platform defaults the baseline hard-codes, as a raw program would. */
const DEFAULTS = {
  resources: { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi', ephemeralStorageLimit: '1Gi' } as Resources,
  logLevel: 'info',
  imagePullPolicy: 'IfNotPresent' as const,
  port: 8080,
  runAsUser: 10001,
  gracePeriodSeconds: 30,
  webPreStopSeconds: 5,
};

const COMPONENT = { 'web-service': 'server', worker: 'worker', 'scheduled-task': 'task', 'stateful-service': 'store', 'batch-job': 'job' } as const;

export interface NaiveValues {
  readonly def: AppDefinition;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent';
  readonly env: Record<string, string>;
  readonly config?: Record<string, string>;
  readonly resources: Resources;
  readonly replicas?: Replicas;
  /** Web services: the serving port. */
  readonly port?: { readonly name: string; readonly number: number };
  readonly healthPort?: number;
  readonly metricsPort?: number;
  readonly health?: HealthCheck;
  readonly runAsUser: number;
  readonly gracePeriodSeconds: number;
  readonly preStopSeconds: number;
  readonly schedule?: string;
  readonly suspend: boolean;
}

export function naiveValues(def: AppDefinition, env: Environment, source: string): NaiveValues {
  const profile = env.profile ?? {};
  const override: AppOverride = (def.environments as Record<string, AppOverride> | undefined)?.[env.name] ?? {};
  const resources = { ...DEFAULTS.resources, ...profile.resources, ...def.resources, ...override.resources };
  const tag = def.image.split(':')[1];
  const labels: Record<string, string> = {
    ...env.labels,
    'app.kubernetes.io/name': def.name,
    'app.kubernetes.io/instance': def.name,
    ...(tag ? { 'app.kubernetes.io/version': tag } : {}),
    'app.kubernetes.io/component': COMPONENT[def.kind],
    'app.kubernetes.io/part-of': def.partOf ?? def.team,
    'app.kubernetes.io/managed-by': 'golden-path',
    team: def.team,
    environment: env.name,
  };
  const web = def.kind === 'web-service';
  const config = def.config || override.config ? { ...def.config, ...override.config } : undefined;
  return {
    def,
    namespace: def.team,
    labels,
    selector: { 'app.kubernetes.io/instance': def.name, 'app.kubernetes.io/name': def.name },
    annotations: { ...env.annotations, 'platform.golden-path.dev/source': source },
    imagePullPolicy: override.imagePullPolicy ?? def.imagePullPolicy ?? profile.imagePullPolicy ?? DEFAULTS.imagePullPolicy,
    env: { LOG_LEVEL: profile.logLevel ?? DEFAULTS.logLevel, ...def.env, ...override.env },
    config,
    resources: { ...resources, memoryLimit: resources.memoryLimit ?? resources.memory },
    replicas:
      def.kind === 'scheduled-task' || def.kind === 'batch-job'
        ? undefined
        : (override.replicas ?? def.replicas ?? (web ? profile.webServiceReplicas : profile.workerReplicas) ?? Replicas.fixed(1)),
    port: web ? { name: def.protocol ?? 'http', number: def.port ?? DEFAULTS.port } : undefined,
    healthPort: def.kind === 'worker' ? def.healthPort : undefined,
    metricsPort: def.kind === 'scheduled-task' || def.kind === 'batch-job' ? undefined : def.metricsPort,
    health:
      def.kind === 'scheduled-task' || def.kind === 'batch-job'
        ? undefined
        : (def.health ?? (web && def.protocol === 'grpc' ? { kind: 'grpc' } : { kind: 'http', path: '/healthz' })),
    runAsUser: def.security?.runAsUser ?? DEFAULTS.runAsUser,
    gracePeriodSeconds: def.shutdown?.gracePeriodSeconds ?? DEFAULTS.gracePeriodSeconds,
    preStopSeconds: def.shutdown?.preStopSeconds ?? (web ? DEFAULTS.webPreStopSeconds : 0),
    schedule: def.kind === 'scheduled-task' ? (override.schedule ?? def.schedule) : undefined,
    suspend: override.suspend ?? false,
  };
}
