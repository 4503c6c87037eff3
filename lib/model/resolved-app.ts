import { AppKind } from './app-kind';
import { ResolvedContainer, ResolvedEnvFrom, ResolvedEnvRef, ResolvedPreStop } from './resolved-container';
import { ResolvedHardening } from './hardening';
import { ResolvedJob } from './batch';
import { ResolvedDataStore } from './resolved-data-store';
import { ResolvedExposure } from './resolved-exposure';
import { ResolvedMonitoring } from './resolved-monitoring';
import { ResolvedServicePort } from './ports';
import { ResolvedProbe, ResolvedResources, ResolvedSecurity } from './resolved-pod';
import { ResolvedSecrets } from './resolved-secrets';
import { ResolvedFiles, ResolvedVolume } from './resolved-volume';
import { Waiver } from './waiver';

// Also exported here, where the resolvers and the public API have always found it.
export type { ResolvedProbe, ResolvedResources, ResolvedSecurity } from './resolved-pod';
export type { ResolvedServicePort } from './ports';

/** Which layer of resolution a value came from, lowest precedence first. */
export type Origin = 'platform' | 'environment' | 'app' | 'override' | 'release';

export interface ResolvedPort {
  readonly name: string;
  readonly port: number;
}

export interface ResolvedPeer {
  /** 'pods' selects pods by app name in a namespace; 'namespace' any pod there; 'cidr' an address block. */
  readonly kind: 'app' | 'namespace' | 'cidr';
  readonly app?: string;
  readonly namespace?: string;
  readonly cidr?: string;
  readonly port?: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** The DNS resolvers every pod may reach, on `port` over UDP and TCP. */
export interface ResolvedDns {
  readonly peers: readonly (
    | { readonly kind: 'pods'; readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> }
    | { readonly kind: 'cidr'; readonly cidr: string }
  )[];
  readonly port: number;
}

export type ResolvedReplicas =
  | { readonly kind: 'fixed'; readonly count: number }
  | {
      readonly kind: 'autoscale';
      readonly min: number;
      readonly max: number;
      readonly cpuUtilization: number;
      readonly memoryUtilization?: number;
      /** How fast the HPA adds and removes pods. */
      readonly behavior: { readonly scaleUp: ResolvedScalingRate; readonly scaleDown: ResolvedScalingRate };
    };

/** At most `percent` of the current pods added (or removed) per `periodSeconds`, after the window. */
export interface ResolvedScalingRate {
  readonly stabilizationWindowSeconds: number;
  readonly percent: number;
  readonly periodSeconds: number;
}

/** How a Deployment replaces its pods. */
export interface ResolvedRollout {
  /** 'Recreate' when the pods share a claim one node mounts at a time (the old pod must let go of it first). */
  readonly strategy: 'RollingUpdate' | 'Recreate';
  readonly revisionHistoryLimit: number;
  readonly maxSurge: string;
  readonly maxUnavailable: string | number;
}

export interface ResolvedSchedule {
  readonly schedule: string;
  readonly timeZone: string;
  readonly suspend: boolean;
  readonly startingDeadlineSeconds: number;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly ttlSecondsAfterFinished: number;
  readonly concurrencyPolicy: 'Forbid' | 'Replace';
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly restartPolicy: 'OnFailure' | 'Never';
}

/** How a stateful service's StatefulSet runs its pods. */
export interface ResolvedStatefulSet {
  /** The headless Service that gives each pod its stable name: `<app>-headless`. */
  readonly serviceName: string;
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  readonly updateStrategy: 'RollingUpdate';
  /** The headless Service lists pods before they are ready, so peers can find each other while they bootstrap. */
  readonly publishNotReadyAddresses: boolean;
}

/**
 * An app in one environment with every default applied and every value explicit and checked.
 * Constructs build from this alone and make no choices of their own.
 */
export interface ResolvedApp {
  readonly kind: AppKind;
  readonly name: string;
  readonly team: string;
  readonly description?: string;
  /** Definition file, relative to the repository root. */
  readonly source: string;
  readonly environment: string;
  readonly cluster: string;
  readonly domain: string;
  /** The environment serves production traffic (`ResolvedEnvironment.production`). */
  readonly production: boolean;
  /** Index of the golden-path runbooks in this environment: its `monitoring.runbookUrl` up to `{alert}`. */
  readonly runbookIndex: string;
  readonly namespace: string;
  /** Every label of every object: the standard ones, the team and the environment's extras. */
  readonly labels: Readonly<Record<string, string>>;
  /** The subset of labels that never changes over the app's life. */
  readonly selector: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly image: string;
  /** For every container of the pod. */
  readonly imagePullPolicy: 'Always' | 'IfNotPresent';
  /** The app container's name. */
  readonly containerName: string;
  /** In declaration order. */
  readonly sidecars: readonly ResolvedContainer[];
  /** Native sidecars (init containers with restartPolicy Always, Kubernetes >= 1.29) or plain containers after the app's. */
  readonly sidecarPlacement: 'native' | 'containers';
  /** In declaration order; they run after the native sidecars have started. */
  readonly initContainers: readonly ResolvedContainer[];
  /** The app's own pod labels and annotations (the platform's come on top and cannot be overridden). */
  readonly pod: { readonly labels: Readonly<Record<string, string>>; readonly annotations: Readonly<Record<string, string>> };
  /** Annotations of the app's ServiceAccount (workload identity). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Env vars Kubernetes fills in, sorted by name. */
  readonly envRefs: readonly ResolvedEnvRef[];
  /** Existing ConfigMaps and Secrets imported whole, in declaration order. */
  readonly envFrom: readonly ResolvedEnvFrom[];
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Sorted by name. */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  /** Sorted by key; absent when the app has no config. */
  readonly config?: Readonly<Record<string, string>>;
  /** File name -> content, sorted by name; absent when the app has no config files. */
  readonly configFiles?: Readonly<Record<string, string>>;
  /** Secret references and their store; absent when the app has no secrets. */
  readonly secrets?: ResolvedSecrets;
  /** The container's ports: the serving ports first, then health and metrics. */
  readonly ports: readonly ResolvedPort[];
  /** The ports the Service exposes, primary first (web and stateful services; empty otherwise). */
  readonly servicePorts: readonly ResolvedServicePort[];
  /** The primary serving port: `servicePorts[0]` (web and stateful services). */
  readonly servicePort?: ResolvedServicePort;
  readonly probes?: { readonly readiness: ResolvedProbe; readonly liveness: ResolvedProbe; readonly startup: ResolvedProbe };
  /** A worker declared `Health.none`: why it has no probes. */
  readonly noHealthEndpoint?: string;
  readonly resources: ResolvedResources;
  readonly security: ResolvedSecurity;
  readonly shutdown: { readonly gracePeriodSeconds: number; readonly preStop: ResolvedPreStop };
  /** How the pods of a Deployment spread over failure domains (set for every app; a scheduled task's pods do not use it). */
  readonly topologySpread: {
    readonly topologyKeys: readonly string[];
    readonly maxSkew: number;
    readonly whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule';
  };
  /** Size limit of the writable /tmp (an emptyDir: the root filesystem is read-only). */
  readonly scratchSize: string;
  /** The app's declared volumes, sorted by name. */
  readonly volumes: readonly ResolvedVolume[];
  /** Where the config and secret files are mounted (used only when the app has them). */
  readonly files: ResolvedFiles;
  /** Stateful services. */
  readonly statefulSet?: ResolvedStatefulSet;
  /** Web services, workers and stateful services (a fixed count). */
  readonly replicas?: ResolvedReplicas;
  /** Web services and workers. */
  readonly rollout?: ResolvedRollout;
  /** The disruption budget's bound (every kind but scheduled tasks). */
  readonly maxUnavailable?: number;
  /** Whether a drain may evict pods that are not ready when the budget is spent (every kind but scheduled tasks). */
  readonly unhealthyPodEvictionPolicy?: 'AlwaysAllow' | 'IfHealthyBudget';
  /** Who may reach the app, whom it may reach, and the environment's DNS resolvers (every pod's first egress). */
  readonly network: { readonly ingress: readonly ResolvedPeer[]; readonly egress: readonly ResolvedPeer[]; readonly dns: ResolvedDns };
  /** Scheduled tasks. */
  readonly schedule?: ResolvedSchedule;
  /** Batch jobs: the Job, its GPUs, placement and queue. */
  readonly job?: ResolvedJob;
  /** The app's databases and caches, in the cluster or outside it. */
  readonly dataStores: readonly ResolvedDataStore[];
  /** Scrape, SLO rules and dashboard; absent when the app serves no metrics. */
  readonly monitoring?: ResolvedMonitoring;
  /** Host, paths and the object (Ingress or HTTPRoute) that carries them; absent when the app is internal. */
  readonly exposure?: ResolvedExposure;
  /** The hardened path's settings; absent for apps on the standard path. */
  readonly hardening?: ResolvedHardening;
  /** The definition's policy waivers, for every environment (the check applies those of this one). @default - none */
  readonly waivers?: readonly Waiver[];
  /** Where each resolved field came from, keyed by field path. */
  readonly provenance: Readonly<Record<string, Origin>>;
  /** The value resolution chose for each field in `provenance` (what `platform explain` prints). */
  readonly settings: Readonly<Record<string, unknown>>;
}
