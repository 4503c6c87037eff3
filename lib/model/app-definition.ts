import { GpuRequest } from './batch';
import { InitContainerProps, SidecarProps } from './containers';
import {
  BatchJobCustomizeProps,
  ScheduledTaskCustomizeProps,
  StatefulServiceCustomizeProps,
  WebServiceCustomizeProps,
  WorkerCustomizeProps,
} from './customize';
import { DependsOn } from './dependency';
import { Exposure } from './exposure';
import { HardenedOptions } from './hardening';
import { HealthCheck } from './health';
import { Peer } from './peer';
import { PortProtocol, ServingPorts } from './ports';
import { FixedReplicas, Replicas } from './replicas';
import { Resources } from './resources';
import { EnvFromSource, EnvRef } from './env-ref';
import { SecretRef } from './secret';
import { PreStop } from './shutdown';
import { SloProps } from './slo';
import { Volume } from './volume';
import { Waiver } from './waiver';

export type { AppKind } from './app-kind';

/** Deliberate departures from the "restricted" Pod Security profile. Each one is visible in review. */
export interface SecurityOptions {
  /** UID (and GID) the container runs as; must not be 0. @default 10001 */
  readonly runAsUser?: number;
  /**
   * Mount the root filesystem read-write, for images that write all over it. An explicit opt-out,
   * flagged by the 'read-only-root-filesystem' check: declare `volumes` for the folders the app
   * writes instead. @default false (read-only, with an emptyDir at /tmp)
   */
  readonly writableRootFilesystem?: boolean;
  /** Add NET_BIND_SERVICE so the process may bind ports below 1024. @default false */
  readonly bindPrivilegedPorts?: boolean;
}

/** Graceful shutdown. */
export interface ShutdownOptions {
  /** Seconds Kubernetes gives the pod from the start of shutdown (preStop included) before killing it; must exceed the preStop delay. @default 30 */
  readonly gracePeriodSeconds?: number;
  /**
   * What runs before SIGTERM so endpoints drain first: `Shutdown.sleep(5)` (Kubernetes' own sleep
   * action, every image, Kubernetes >= 1.30), `Shutdown.exec([...])` (a command in the image) or
   * `Shutdown.none()`. A hook that needs a binary the image may lack is never chosen for the app.
   * @default - web services: Shutdown.sleep(5) where the environment runs Kubernetes >= 1.30, none below (no hook works on every image there); others: none
   */
  readonly preStop?: PreStop;
  /**
   * A `sleep` of n seconds before SIGTERM, as before `preStop` existed: the sleep action on
   * Kubernetes >= 1.30, the image's `sleep` command below (it fails on images without one; prefer
   * `preStop`). 0: no hook. Not with `preStop`. @default - see preStop
   */
  readonly preStopSeconds?: number;
}

/** Labels and annotations on the app's pods, for the platform integrations that read them (a mesh, an agent). */
export interface PodMetadataOptions {
  /** Checked: a key the platform writes, or one that weakens the pod's security (AppArmor unconfined, seccomp), is rejected. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Checked: the platform's own labels (app.kubernetes.io/*, team, environment) cannot be set. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Annotations on the app's ServiceAccount, e.g. workload identity. */
export interface ServiceAccountOptions {
  /** e.g. `{ 'iam.gke.io/gcp-service-account': 'checkout@acme-prod.iam.gserviceaccount.com' }` or `eks.amazonaws.com/role-arn`. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Traffic allowed beyond the platform's defaults (DNS egress; nothing else). */
export interface NetworkOptions {
  /** Peers allowed to connect to this app's serving ports (or the given port). @default - none */
  readonly ingress?: readonly Peer[];
  /** Peers this app may connect to. @default - none besides DNS */
  readonly egress?: readonly Peer[];
}

/** The fields an environment override may change. Anything else is the same everywhere by design. */
export interface AppOverride {
  readonly replicas?: Replicas;
  readonly resources?: Resources;
  /** Merged over the app's `env`, key by key. */
  readonly env?: Readonly<Record<string, string>>;
  /** Merged over the app's `config`, key by key. */
  readonly config?: Readonly<Record<string, string>>;
  /** Merged over the app's `configFiles`, file by file: a different file (or an extra one) in this environment. */
  readonly configFiles?: Readonly<Record<string, string>>;
  /**
   * Merged over the app's `secrets`, name by name: a different reference in this environment. The
   * store is already the environment's own, so the same reference usually serves every environment.
   */
  readonly secrets?: Readonly<Record<string, SecretRef>>;
  /** Merged over the app's `secretFiles`, file by file. */
  readonly secretFiles?: Readonly<Record<string, SecretRef>>;
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent';
  /** Scheduled tasks only: a different schedule in this environment. */
  readonly schedule?: string;
  /** Scheduled tasks only: do not run in this environment. */
  readonly suspend?: boolean;
  /** Batch jobs only: other GPUs in this environment, e.g. the large type in prod only. */
  readonly gpu?: GpuRequest;
  /** Batch jobs only: run on spot capacity in this environment (or not). */
  readonly spot?: boolean;
  /**
   * Web services only: how the app is reached in this environment, replacing the app's `expose`
   * as a whole, e.g. `Exposure.public({ host: 'shop' })` in prod only, or `Exposure.internal()` in dev.
   */
  readonly expose?: Exposure;
  /**
   * What the app calls in this environment, replacing the app's `dependsOn` as a whole (like
   * `expose`), e.g. an in-cluster database in dev and a managed one through a proxy in prod.
   * Both NetworkPolicy sides and the address variables follow.
   */
  readonly dependsOn?: readonly DependsOn[];
  /**
   * Web services and workers: objectives that differ in this environment, each replacing the
   * app's own (e.g. a tighter availability in prod); metrics and runbook stay the app's. Needs `metricsPort`.
   */
  readonly slo?: Pick<SloProps, 'availability' | 'latency'>;
}

/** What every kind of app declares. `E` is the platform's environment names, so overrides are typo-checked. */
export interface AppProps<E extends string = string> {
  /** The app's name: names every object it creates. A DNS-1035 label. */
  readonly name: string;
  /** The owning team: a label on every object and the default namespace. */
  readonly team: string;
  /** One line on what the app does. @default - none */
  readonly description?: string;
  /**
   * Image repository, optionally with a default tag or digest used where the releases file has
   * no entry for an environment. @example 'ghcr.io/acme/checkout'
   */
  readonly image: string;
  /** The larger application this app belongs to (`app.kubernetes.io/part-of`). @default - the team */
  readonly partOf?: string;
  /** Overrides the image's entrypoint. @default - the image's */
  readonly command?: readonly string[];
  /** Arguments to the entrypoint. @default - the image's */
  readonly args?: readonly string[];
  /** Plain environment variables. @default - none besides LOG_LEVEL from the environment profile */
  readonly env?: Readonly<Record<string, string>>;
  /** Configuration values, written to a ConfigMap and exposed as environment variables. @default - no ConfigMap */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * Config files, file name -> content, written to the ConfigMap `<name>-files` and mounted
   * read-only at `/etc/<name>/<file>` (or `configFilesPath`); pods roll when a file changes. Read the content from a file
   * next to the definition: `{ 'checkout.yaml': readFileSync(join(__dirname, 'checkout.yaml'), 'utf8') }`.
   * @default - none
   */
  readonly configFiles?: Readonly<Record<string, string>>;
  /** Folder the config files are mounted at, for images that read them from a fixed place. An absolute path. @default '/etc/<name>' */
  readonly configFilesPath?: string;
  /**
   * File mode of config files, by file name, e.g. `{ 'entrypoint.sh': 0o555 }` for a script run
   * from the ConfigMap. @default 0o444 (read-only for everyone) for every file
   */
  readonly configFileModes?: Readonly<Record<string, number>>;
  /**
   * Environment variables read from the platform's secret store, by reference only:
   * `{ STRIPE_API_KEY: Secret.ref('shop/checkout-api/stripe', 'apiKey') }`. An ExternalSecret `<name>`
   * syncs them into the Secret `<name>-secrets`; a literal secret in `env` or `config` is rejected.
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, SecretRef>>;
  /**
   * Files read from the secret store, file name -> reference, mounted read-only at
   * `/var/run/secrets/<name>/<file>` (see `secretFilePath`), or in `secretFilesPath`. @default - none
   */
  readonly secretFiles?: Readonly<Record<string, SecretRef>>;
  /** Folder the secret files are mounted at. An absolute path. @default '/var/run/secrets/<name>' */
  readonly secretFilesPath?: string;
  /**
   * Writable storage by name (a DNS label): `Volume.emptyDir({ path, size })` for scratch space and
   * caches, `Volume.persistent({ path, size })` for data that outlives the pod (a PersistentVolumeClaim;
   * a stateful service gets one per pod). No two mounts may share or nest a folder.
   * @default - none besides /tmp
   */
  readonly volumes?: Readonly<Record<string, Volume>>;
  /** Size limit of the writable /tmp (an emptyDir: the root filesystem is read-only). @default '64Mi' */
  readonly scratchSize?: string;
  /**
   * Env vars Kubernetes fills in: the downward API (`Env.fieldRef('metadata.name')`), a key of a
   * ConfigMap or Secret that exists in the namespace (`Env.existingSecret('legacy-creds', 'password')`).
   * @default - none
   */
  readonly envRefs?: Readonly<Record<string, EnvRef>>;
  /** Every key of an existing ConfigMap or Secret as env vars: `[EnvFrom.configMap('shared-flags')]`. @default - none */
  readonly envFrom?: readonly EnvFromSource[];
  /** Name of the app's container (some tools' configuration names it). @default - the app's name */
  readonly containerName?: string;
  /**
   * Containers that run beside the app's, e.g. a database proxy. Native sidecars (started before
   * the app, stopped after it) where the environment runs Kubernetes >= 1.29, plain containers below.
   * @default - none
   */
  readonly sidecars?: readonly SidecarProps[];
  /** Containers that run to completion, in order, before the app starts (after the sidecars on Kubernetes >= 1.29). @default - none */
  readonly initContainers?: readonly InitContainerProps[];
  /** @default - none besides the platform's labels */
  readonly pod?: PodMetadataOptions;
  /** @default - the app's own ServiceAccount, without annotations */
  readonly serviceAccount?: ServiceAccountOptions;
  /** @default - the environment profile's requests and limits */
  readonly resources?: Resources;
  /** @default - the "restricted" Pod Security profile with UID/GID 10001 */
  readonly security?: SecurityOptions;
  /** @default - 30 s grace period; see ShutdownOptions.preStop */
  readonly shutdown?: ShutdownOptions;
  /**
   * What the app calls: other apps (by their definition, or 'team/name') and external hosts. Each
   * opens the caller's egress and the callee's ingress on the callee's port (its first serving port,
   * or the one named with `Dependency.on(app, { port })`), and gives the caller an address variable
   * on its Service port (`PAYMENT_GATEWAY_ADDR=payment-gateway.payments.svc.cluster.local:50051`).
   * @default - calls nothing
   */
  readonly dependsOn?: readonly DependsOn[];
  /** Raw peers beyond `dependsOn` (a namespace, a CIDR). @default - deny everything but DNS egress */
  readonly network?: NetworkOptions;
  /** For every container of the pod. @default - 'Always' in a production environment (a cached image never skips the pull secret check), else the environment profile's ('IfNotPresent') */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent';
  /** Per-environment overrides, applied after the environment's defaults and this definition. */
  readonly environments?: Partial<Record<E, AppOverride>>;
  /**
   * The environments the app exists in, e.g. `['dev']` for a load generator; the others render
   * nothing for it, and an app depending on it there is an error. @default - every environment
   */
  readonly only?: readonly E[];
  /**
   * Reviewed exceptions to policy rules, each with a reason, an owner and an expiry date; they
   * show in every `platform check` report. @default - none
   */
  readonly waivers?: readonly Waiver<E>[];
  /**
   * The hardened golden path, for an app that handles payment, personal or health data:
   * `hardened: { dataClass: 'pci' }`. In every environment the app serves TLS with a certificate
   * from the environment's internal issuer (mounted at /var/run/tls) and its callers get an
   * `https://` address; only its declared callers reach it; its images are pinned by digest and
   * always pulled; it runs on the environment's sandboxed runtime and node pool; every object is
   * labelled with the data class; in production a person syncs it (or the environment's sync
   * window does); and it cannot waive the security rules. @default - the standard golden path
   */
  readonly hardened?: HardenedOptions;
}

/** What a server declares: the ports it serves, its health check and metrics (web and stateful services). */
interface ServingProps<E extends string> extends AppProps<E> {
  /** The serving port, when there is one (else use `ports`). @default 8080 */
  readonly port?: number;
  /** The serving port's protocol; it also names the port. @default 'http' */
  readonly protocol?: PortProtocol;
  /** The port the Service exposes for `port`, e.g. 80 for a process on 8080. @default - `port` */
  readonly servicePort?: number;
  /** Several serving ports by name, instead of `port`/`protocol`/`servicePort`. @default - one port from `port` and `protocol` */
  readonly ports?: ServingPorts;
  /**
   * @default - readiness Health.http('/healthz') for HTTP, Health.grpc() for gRPC, Health.tcp() for TCP, on the
   * first serving port; liveness a TCP check of that port (the process answers), never the readiness check
   */
  readonly health?: HealthCheck;
  /** Port on which the app serves Prometheus metrics (a ServiceMonitor scrapes it). @default - none */
  readonly metricsPort?: number;
  /** HTTP path of the metrics. @default '/metrics' */
  readonly metricsPath?: string;
  /** Service level objectives: recording rules, burn-rate alerts and dashboard panels. Needs `metricsPort`. @default - none */
  readonly slo?: SloProps;
}

export interface WebServiceProps<E extends string = string> extends ServingProps<E>, WebServiceCustomizeProps {
  /** Also expose the metrics port through the app's Service, and scrape through it. @default false (scraped from the pods directly) */
  readonly metricsOnService?: boolean;
  /** @default - the environment profile's (autoscaled 2..10 in prod) */
  readonly replicas?: Replicas;
  /**
   * Reachable from the internet (`Exposure.public({ host: 'shop' })`: an Ingress with TLS, or an
   * HTTPRoute, for `shop.<environment domain>`), or only from inside the cluster.
   * @default - Exposure.internal(): no Ingress, reachable only by the callers the app declares
   */
  readonly expose?: Exposure;
}

export interface WorkerProps<E extends string = string> extends AppProps<E>, WorkerCustomizeProps {
  /** Workers have no serving port, so the health check must be declared (`Health.none({ reason })` when there is nothing to check). */
  readonly health: HealthCheck;
  /** Port for the health check (named 'health'), when the check is HTTP, gRPC or TCP. @default - none */
  readonly healthPort?: number;
  /** Port on which the app serves Prometheus metrics (a PodMonitor scrapes it). @default - none */
  readonly metricsPort?: number;
  /** HTTP path of the metrics. @default '/metrics' */
  readonly metricsPath?: string;
  /** Service level objectives; workers name their metrics in `slo.metrics`. Needs `metricsPort`. @default - none */
  readonly slo?: SloProps;
  /** @default - the environment profile's */
  readonly replicas?: Replicas;
}

export interface ScheduledTaskProps<E extends string = string> extends AppProps<E>, ScheduledTaskCustomizeProps {
  /** Cron expression (five fields). */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default 'Etc/UTC' */
  readonly timeZone?: string;
  /** Seconds after the scheduled time within which a missed run may still start. @default 300 */
  readonly startingDeadlineSeconds?: number;
  /** Seconds a run may take before it is killed. @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** Retries of a failed run. @default 2 */
  readonly backoffLimit?: number;
  /** Seconds a finished Job is kept for inspection. @default 86400 */
  readonly ttlSecondsAfterFinished?: number;
  /** @default 'Forbid' (a run never overlaps the previous one) */
  readonly concurrencyPolicy?: 'Forbid' | 'Replace';
  /** 'Never': a failed run is retried in a fresh pod (up to backoffLimit), never restarted in place. @default 'OnFailure' */
  readonly restartPolicy?: 'OnFailure' | 'Never';
  /** Succeeded Jobs kept for inspection. @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed Jobs kept for inspection. @default 3 */
  readonly failedJobsHistoryLimit?: number;
}

/**
 * A server that keeps state on its own volume (a search index, a message broker, a database): a
 * StatefulSet whose pods have stable names (`<name>-0`, via the headless Service `<name>-headless`)
 * and each its own claim of every persistent volume, a Service for clients, a PDB and the
 * golden-path pod. The volumes are writable by the pod's group (fsGroup).
 */
export interface StatefulServiceProps<E extends string = string> extends ServingProps<E>, StatefulServiceCustomizeProps {
  /**
   * Pods of the StatefulSet, a fixed count: scaling stateful software is the software's own
   * business (replication, rebalancing), so there is no autoscaling. One pod is single-instance
   * state: the StatefulSet replaces it only after the old one is gone, never running two at once;
   * in production that is a finding of 'prod-replicas' (waive it with a reason, or use a managed store).
   * @default Replicas.fixed(1) in every environment
   */
  readonly replicas?: FixedReplicas;
}

/**
 * Work that runs to completion once per release (a training run, a backfill, a migration): a Job
 * named `<name>-<release>`, so a new image tag runs a new Job and an unchanged one runs nothing
 * again. Its pods restart never (a failed pod is replaced, up to `backoffLimit`), and a pod lost to
 * a disruption (preemption, spot reclaim, a drain) is re-run without counting as a failure.
 */
export interface BatchJobProps<E extends string = string> extends AppProps<E>, BatchJobCustomizeProps {
  /** Pods running at once. @default 1 */
  readonly parallelism?: number;
  /** Pods that must succeed for the Job to be done. @default 1 */
  readonly completions?: number;
  /**
   * 'Indexed': each pod gets its index (0..completions-1) in JOB_COMPLETION_INDEX, to take its
   * own shard of the work. @default 'NonIndexed'
   */
  readonly completionMode?: 'NonIndexed' | 'Indexed';
  /** Failed pods retried before the Job fails (disruptions do not count). @default 3 */
  readonly backoffLimit?: number;
  /** Seconds the whole Job may run before it is killed. @default 86400 (a day) */
  readonly activeDeadlineSeconds?: number;
  /**
   * GPUs per pod, of a type the environment offers: `{ count: 1, type: 'a100' }`. The pods go to
   * that type's nodes and tolerate their taint; a GPU job must set `resources.cpuLimit` and
   * `resources.memoryLimit` (a GPU node is shared by a few large pods). @default - no GPU
   */
  readonly gpu?: GpuRequest;
  /**
   * Run on the environment's spot capacity (cheaper, reclaimed at any time). Needs a persistent
   * volume to checkpoint into (`volumes: { checkpoints: Volume.persistent({...}) }`), so a
   * reclaimed pod resumes instead of starting over. @default false
   */
  readonly spot?: boolean;
  /** Size of an in-memory /dev/shm (data loaders share batches through it); counts against the memory limit. @default - the container runtime's 64Mi */
  readonly sharedMemory?: string;
  /** The Kueue LocalQueue, in an environment with `kueue`. @default - the environment's `kueue.defaultQueue` */
  readonly queue?: string;
}

export type WebServiceDefinition = WebServiceProps & { readonly kind: 'web-service' };
export type WorkerDefinition = WorkerProps & { readonly kind: 'worker' };
export type ScheduledTaskDefinition = ScheduledTaskProps & { readonly kind: 'scheduled-task' };
export type StatefulServiceDefinition = StatefulServiceProps & { readonly kind: 'stateful-service' };
export type BatchJobDefinition = BatchJobProps & { readonly kind: 'batch-job' };

/** What a product team writes, tagged with its kind. */
export type AppDefinition = WebServiceDefinition | WorkerDefinition | ScheduledTaskDefinition | StatefulServiceDefinition | BatchJobDefinition;

/** An app definition and the file it came from (relative to the repository root). */
export interface SourcedApp {
  readonly definition: AppDefinition;
  readonly source: string;
}
