import { AdmissionAction, AdmissionEngine } from './environment-admission';
import { ResolvedBatchSettings } from './batch';
import { EnvironmentMonitoring } from './environment-monitoring';
import { ResolvedEnvironmentHardening } from './hardening';
import { ArgoCdRetry } from './gitops';
import { Replicas } from './replicas';
import { Origin, ResolvedDns } from './resolved-app';
import { SecretRollout, SecretStoreRef } from './secret';
import { VolumeAccessMode } from './volume';

/** The layers an environment's value can come from. */
export type EnvironmentOrigin = Extract<Origin, 'platform' | 'environment'>;

/** A value apps inherit, with the layer that set it, so an app's provenance names that layer too. */
export interface Sourced<T> {
  readonly value: T;
  readonly origin: EnvironmentOrigin;
}

/** What every app of the environment starts from, every default applied. */
export interface ResolvedProfile {
  readonly webServiceReplicas: Sourced<Replicas>;
  readonly workerReplicas: Sourced<Replicas>;
  /** Requests and limits; the CPU and memory limits only where the environment sets them. */
  readonly resources: {
    readonly cpu: Sourced<string>;
    readonly memory: Sourced<string>;
    readonly ephemeralStorage: Sourced<string>;
    readonly ephemeralStorageLimit: Sourced<string>;
    readonly cpuLimit?: Sourced<string>;
    readonly memoryLimit?: Sourced<string>;
  };
  readonly maxUnavailable: Sourced<number>;
  readonly logLevel: Sourced<'debug' | 'info' | 'warn' | 'error'>;
  readonly imagePullPolicy: Sourced<'Always' | 'IfNotPresent'>;
  /** Requests and limits of sidecars and init containers that set none (smaller than an app's). */
  readonly sidecarResources: { readonly cpu: string; readonly memory: string; readonly ephemeralStorage: string; readonly ephemeralStorageLimit: string };
  readonly dataStores: ResolvedDataStoreSettings;
  /** Persistent volumes' claims: the storage class (absent: the cluster's default) and access mode. */
  readonly storage: { readonly storageClass?: Sourced<string>; readonly accessMode: Sourced<VolumeAccessMode> };
}

/** Where apps' data stores run and, in the cluster, the pod around every engine. */
export interface ResolvedDataStoreSettings {
  readonly placement: Sourced<'in-cluster' | 'external'>;
  /** Volume size of a store that does not set `storage`. */
  readonly storage: string;
  readonly replicas: number;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent';
  readonly accessMode: 'ReadWriteOnce';
  /** The store's disruption budget. */
  readonly maxUnavailable: number;
  readonly ephemeralStorage: string;
  readonly ephemeralStorageLimit: string;
  readonly scratchSize: string;
  readonly gracePeriodSeconds: number;
  readonly probeTimeoutSeconds: number;
  readonly readiness: ProbeTiming;
  readonly liveness: ProbeTiming;
  readonly startup: ProbeTiming;
}

export interface ProbeTiming {
  readonly periodSeconds: number;
  readonly failureThreshold: number;
}

/** The environment's monitoring settings; URL patterns keep `{domain}`, `{env}`, `{alert}` and `{team}`. */
export type ResolvedEnvironmentMonitoring = { readonly [K in keyof EnvironmentMonitoring]-?: Sourced<NonNullable<EnvironmentMonitoring[K]>> };

/** How public apps are reached; `sourceNamespace` is where the traffic comes from (controller or gateway proxies). */
export type ResolvedIngressSettings =
  | {
      readonly mode: 'ingress';
      readonly modeOrigin: EnvironmentOrigin;
      readonly className: Sourced<string>;
      readonly clusterIssuer: Sourced<string>;
      readonly sourceNamespace: Sourced<string>;
    }
  | {
      readonly mode: 'gateway';
      readonly modeOrigin: EnvironmentOrigin;
      readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
      readonly sourceNamespace: Sourced<string>;
    };

/** Where the rendered tree goes and how Argo CD syncs it. */
export interface ResolvedGitOps {
  /** Largest share of an environment's objects one synth may delete before the guard refuses. */
  readonly maxDropShare: number;
  /** Argo CD Applications: undefined when apps/environments.ts exports no `gitops` (no Applications are written). */
  readonly argocd?: ResolvedArgoCd;
}

export interface ResolvedArgoCd {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly path: string;
  readonly namespace: string;
  readonly project: string;
  readonly syncPolicy: {
    readonly prune: boolean;
    readonly selfHeal: boolean;
    readonly finalizer: boolean;
    readonly syncOptions: readonly string[];
    readonly retry: ArgoCdRetry;
  };
}

/** The policy pack at admission, every default applied (the policies themselves: lib/policy/admission). */
export interface ResolvedAdmission {
  readonly engine: Sourced<AdmissionEngine>;
  readonly action: Sourced<AdmissionAction>;
  /** apiVersion of ValidatingAdmissionPolicy and its Binding for the cluster's Kubernetes version (engine 'vap'). */
  readonly vapApiVersion: 'admissionregistration.k8s.io/v1' | 'admissionregistration.k8s.io/v1beta1';
  /** Namespace of Kyverno PolicyExceptions. */
  readonly exceptionNamespace: Sourced<string>;
}

/**
 * One environment with every default applied and checked, resolved once: every later stage
 * (app resolution, stacks, GitOps output, the catalog, the checks) reads it and decides nothing.
 */
export interface ResolvedEnvironment {
  readonly name: string;
  readonly cluster: string;
  readonly domain: string;
  /** Serves production traffic: prod-only policy rules apply, and the catalog says 'production'. */
  readonly production: boolean;
  /** The clusters' Kubernetes minor and the pod features the platform may use there. */
  readonly kubernetes: {
    readonly version: Sourced<string>;
    /** Init containers with restartPolicy Always (1.29+). */
    readonly nativeSidecars: boolean;
    /** The preStop `sleep` action (1.30+). */
    readonly preStopSleep: boolean;
  };
  /** Namespace of a team's apps, `{team}` and `{env}` to be replaced. */
  readonly namespacePattern: Sourced<string>;
  readonly profile: ResolvedProfile;
  /** ResourceQuota of every team namespace. */
  readonly quota: {
    readonly requestsCpu: string;
    readonly requestsMemory: string;
    readonly limitsMemory: string;
    readonly requestsEphemeralStorage: string;
    readonly pods: number;
  };
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly monitoring: ResolvedEnvironmentMonitoring;
  readonly secrets: { readonly store: Sourced<SecretStoreRef>; readonly refreshInterval: Sourced<string>; readonly rollout: Sourced<SecretRollout> };
  readonly ingress: ResolvedIngressSettings;
  /** The DNS egress every pod gets. */
  readonly dns: ResolvedDns;
  readonly gitops: ResolvedGitOps;
  readonly admission: ResolvedAdmission;
  /** What hardened apps get here, as apps/environments.ts sets it (the platform sets none of it). */
  readonly hardening: ResolvedEnvironmentHardening;
  /** GPU node pools, spot capacity and Kueue, for batch jobs. */
  readonly batch: ResolvedBatchSettings;
  /** Which layer set each value, by field as written in apps/environments.ts (`profile.logLevel`). */
  readonly provenance: Readonly<Record<string, Origin>>;
  /** The value of each field in `provenance`. */
  readonly settings: Readonly<Record<string, unknown>>;
}
