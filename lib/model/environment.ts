import { EnvironmentGpu, EnvironmentKueue, EnvironmentSpot } from './batch';
import { Replicas } from './replicas';
import { EnvironmentAdmission } from './environment-admission';
import { EnvironmentDns } from './environment-dns';
import { EnvironmentIngress } from './environment-ingress';
import { EnvironmentMonitoring } from './environment-monitoring';
import { EnvironmentHardening } from './hardening';
import { Resources } from './resources';
import { SecretRollout, SecretStoreRef } from './secret';
import { VolumeAccessMode } from './volume';

/** Totals a team's namespace may request, enforced by a ResourceQuota. */
export interface NamespaceQuota {
  /** @default '20' */
  readonly requestsCpu?: string;
  /** @default '40Gi' */
  readonly requestsMemory?: string;
  /** @default '40Gi' */
  readonly limitsMemory?: string;
  /** @default '50Gi' */
  readonly requestsEphemeralStorage?: string;
  /** @default 200 */
  readonly pods?: number;
}

/** How apps' persistent volumes are claimed in an environment, unless a volume says otherwise. */
export interface EnvironmentStorage {
  /** StorageClass of every claim. @default - none: the cluster's default StorageClass */
  readonly storageClass?: string;
  /** Access mode of every claim. @default 'ReadWriteOnce' (one node mounts it; every storage class supports it) */
  readonly accessMode?: VolumeAccessMode;
}

/** What an environment sets for every app in it, unless the app says otherwise. */
export interface EnvironmentProfile {
  /** @default - Replicas.fixed(1) */
  readonly webServiceReplicas?: Replicas;
  /** @default - Replicas.fixed(1) */
  readonly workerReplicas?: Replicas;
  /** @default - { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi', ephemeralStorageLimit: '1Gi' } */
  readonly resources?: Resources;
  /** Pods of one app that a voluntary disruption may take down at once. @default 1 */
  readonly maxUnavailable?: number;
  /** Exposed to every app as LOG_LEVEL. @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent';
  /** Where apps' data stores run: 'in-cluster' (a small StatefulSet, for dev) or 'external'. @default 'external' */
  readonly dataStores?: 'in-cluster' | 'external';
  /** Persistent volumes: storage class and access mode. @default - see EnvironmentStorage */
  readonly storage?: EnvironmentStorage;
  /** Per-team namespace quota. @default - see NamespaceQuota */
  readonly quota?: NamespaceQuota;
}

/** One place apps are deployed to: a cluster (or a slice of one) with its own defaults. */
export interface Environment {
  /** Short name, also the folder under dist/. A DNS-1035 label, e.g. 'prod'. */
  readonly name: string;
  /** Name of the target cluster, as Argo CD knows it. */
  readonly cluster: string;
  /**
   * Serves production traffic: prod-only policy rules apply (at least 2 replicas) and the catalog
   * marks its apps' lifecycle 'production'. @default - true when the name is 'prod' or 'production'
   */
  readonly production?: boolean;
  /**
   * The Kubernetes minor its clusters run, e.g. '1.30': pod features on by default from a later
   * minor (native sidecars from 1.29, the preStop sleep action from 1.30) are used only where they exist.
   * @default '1.28' (the version the platform's schemas and rules target)
   */
  readonly kubernetesVersion?: string;
  /** Base DNS domain of the environment's public hosts, e.g. 'staging.acme.dev'. */
  readonly domain: string;
  /**
   * Namespace of a team's apps; `{team}` and `{env}` are replaced.
   * @default '{team}' (one cluster per environment)
   */
  readonly namespacePattern?: string;
  /** @default - the platform defaults for every field */
  readonly profile?: EnvironmentProfile;
  /** Extra labels on every object of the environment. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Extra annotations on every object of the environment. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Where Prometheus and Grafana look, and where alerts link to. @default - the platform defaults for every field */
  readonly monitoring?: EnvironmentMonitoring;
  /**
   * The store every ExternalSecret of the environment reads from. A 'SecretStore' must exist in
   * each team namespace; a 'ClusterSecretStore' serves them all.
   * @default { kind: 'ClusterSecretStore', name: 'platform' }
   */
  readonly secretStore?: SecretStoreRef;
  /** How often External Secrets Operator re-reads each secret from the store: a Go duration, e.g. '15m'. @default '1h' */
  readonly secretRefreshInterval?: string;
  /**
   * What happens to running pods when a secret they read as an environment variable changes
   * (secret files update in place). 'reloader': Deployments carry Stakater Reloader's annotation,
   * and Reloader rolls them; it must run in the cluster with `reloadStrategy: annotations`, which
   * the environment's Argo CD Applications are told to ignore. 'none': the new value is read at
   * the next rollout. @default 'none'
   */
  readonly secretRollout?: SecretRollout;
  /** How public apps are reached: Ingress with cert-manager TLS, or HTTPRoutes to a Gateway. @default - the platform defaults for every field (ingress-nginx, 'letsencrypt') */
  readonly ingress?: EnvironmentIngress;
  /**
   * The cluster's DNS resolvers, which every pod's NetworkPolicy lets it reach on port 53.
   * @default - kube-dns pods in kube-system, port 53 (see EnvironmentDns)
   */
  readonly dns?: EnvironmentDns;
  /**
   * The policy pack's CEL rules as admission policies in the cluster (dist/<env>/_platform/).
   * @default { engine: 'kyverno', action: 'audit' } (see EnvironmentAdmission)
   */
  readonly admission?: EnvironmentAdmission;
  /**
   * What hardened apps get here: the internal issuer of their TLS certificates (required where a
   * hardened web service runs), a sandboxed runtime class, a dedicated node pool and, in
   * production, the window in which Argo CD may sync them. @default - none of these
   */
  readonly hardening?: EnvironmentHardening;
  /** GPU node pools by type (`a100: { nodeSelector: {...} }`): batch jobs ask for a type by name. @default - none (no GPU jobs) */
  readonly gpus?: Readonly<Record<string, EnvironmentGpu>>;
  /** Spot capacity batch jobs may ask for with `spot: true`. @default - none */
  readonly spot?: EnvironmentSpot;
  /** Kueue: batch jobs join a LocalQueue and start suspended until Kueue admits them. @default - none (jobs start at once) */
  readonly kueue?: EnvironmentKueue;
}
