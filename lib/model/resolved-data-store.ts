import { SecretRef, SecretStoreRef } from './secret';
import { ResolvedProbe, ResolvedResources, ResolvedSecurity } from './resolved-pod';

/** A data store of an app in one environment: where it is and, in the cluster, how it runs. */
export interface ResolvedDataStore {
  /** As declared, e.g. 'ledger-db'. */
  readonly name: string;
  readonly engine: 'postgres' | 'redis';
  readonly placement: 'in-cluster' | 'external';
  /** `host:port`, what the app's `<NAME>_ADDR` holds. */
  readonly address: string;
  readonly port: number;
  /** External stores: the blocks the app may reach. */
  readonly cidrs?: readonly string[];
  /** In-cluster stores: everything the StatefulSet needs. */
  readonly inCluster?: {
    /** Name of every object of the store: `<app>-<name>`. */
    readonly objectName: string;
    /** `app.kubernetes.io/component`: 'database' or 'cache'. */
    readonly component: 'database' | 'cache';
    /** `app.kubernetes.io/version`: the engine image's tag. */
    readonly version: string;
    readonly image: string;
    readonly dataPath: string;
    readonly storage: string;
    /** Pods of the StatefulSet. */
    readonly replicas: number;
    readonly imagePullPolicy: 'Always' | 'IfNotPresent';
    /** Access mode of the data volume. */
    readonly accessMode: 'ReadWriteOnce';
    /** StorageClass of the data volume: the environment's (`profile.storage.storageClass`); absent, the cluster's default. */
    readonly storageClass?: string;
    /** The disruption budget's bound. */
    readonly maxUnavailable: number;
    /** Requests and limits, in the app's shape (the workload parts build both). */
    readonly resources: ResolvedResources;
    /** The engine's own non-root user, a read-only root filesystem, no added capabilities. */
    readonly security: ResolvedSecurity;
    readonly env: readonly { readonly name: string; readonly value: string }[];
    readonly args: readonly string[];
    /** Shared postgres stores: `POSTGRES_PASSWORD`, synced by an ExternalSecret into the Secret `<name>-secrets`. */
    readonly password?: { readonly ref: SecretRef; readonly store: SecretStoreRef; readonly refreshInterval: string };
    readonly gracePeriodSeconds: number;
    /** Folders the engine writes besides /tmp and its data (the root filesystem stays read-only). */
    readonly writableDirs: readonly string[];
    /** Size of each scratch emptyDir (/tmp and the writable folders). */
    readonly scratchSize: string;
    /** Whether a drain may evict the pod while it is not ready (its budget allows one pod down). */
    readonly unhealthyPodEvictionPolicy: 'AlwaysAllow' | 'IfHealthyBudget';
    readonly probes: { readonly readiness: ResolvedProbe; readonly liveness: ResolvedProbe; readonly startup: ResolvedProbe };
  };
}
