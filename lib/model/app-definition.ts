import { ScheduledTaskCustomizeProps, WebServiceCustomizeProps, WorkerCustomizeProps } from './customize';
import { DependsOn } from './dependency';
import { Exposure } from './exposure';
import { HardenedOptions } from './hardening';
import { HealthCheck } from './health';
import { Peer } from './peer';
import { Replicas } from './replicas';
import { Resources } from './resources';
import { SecretRef } from './secret';
import { SloProps } from './slo';
import { Waiver } from './waiver';

export type { AppKind } from './app-kind';

/** Deliberate departures from the "restricted" Pod Security profile. Each one is visible in review. */
export interface SecurityOptions {
  /** UID (and GID) the container runs as; must not be 0. @default 10001 */
  readonly runAsUser?: number;
  /** Mount the root filesystem read-write. @default false (read-only, with an emptyDir at /tmp) */
  readonly writableRootFilesystem?: boolean;
  /** Add NET_BIND_SERVICE so the process may bind ports below 1024. @default false */
  readonly bindPrivilegedPorts?: boolean;
}

/** Graceful shutdown. */
export interface ShutdownOptions {
  /** Seconds Kubernetes waits after SIGTERM before killing the pod. @default 30 */
  readonly gracePeriodSeconds?: number;
  /**
   * Seconds a `sleep` preStop hook waits so endpoints drain before SIGTERM; 0 disables the hook
   * (for images with no `sleep` binary). @default 5 for web services, 0 otherwise
   */
  readonly preStopSeconds?: number;
}

/** Traffic allowed beyond the platform's defaults (DNS egress; nothing else). */
export interface NetworkOptions {
  /** Peers allowed to connect to this app's serving port (or the given port). @default - none */
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
  /**
   * Web services only: how the app is reached in this environment, replacing the app's `expose`
   * as a whole, e.g. `Exposure.public({ host: 'shop' })` in prod only, or `Exposure.internal()` in dev.
   */
  readonly expose?: Exposure;
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
   * read-only at `/etc/<name>/<file>`; pods roll when a file changes. Read the content from a file
   * next to the definition: `{ 'checkout.yaml': readFileSync(join(__dirname, 'checkout.yaml'), 'utf8') }`.
   * @default - none
   */
  readonly configFiles?: Readonly<Record<string, string>>;
  /**
   * Environment variables read from the platform's secret store, by reference only:
   * `{ STRIPE_API_KEY: Secret.ref('shop/checkout-api/stripe', 'apiKey') }`. An ExternalSecret `<name>`
   * syncs them into the Secret `<name>-secrets`; a literal secret in `env` or `config` is rejected.
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, SecretRef>>;
  /**
   * Files read from the secret store, file name -> reference, mounted read-only at
   * `/var/run/secrets/<name>/<file>` (see `secretFilePath`). @default - none
   */
  readonly secretFiles?: Readonly<Record<string, SecretRef>>;
  /** @default - the environment profile's requests and limits */
  readonly resources?: Resources;
  /** @default - the "restricted" Pod Security profile with UID/GID 10001 */
  readonly security?: SecurityOptions;
  /** @default - 30 s grace period; a 5 s preStop delay for web services */
  readonly shutdown?: ShutdownOptions;
  /**
   * What the app calls: other apps (by their definition, or 'team/name') and external hosts. Each
   * opens the caller's egress and the callee's ingress on the callee's port, and gives the caller
   * an address variable (`PAYMENT_GATEWAY_ADDR=payment-gateway.payments.svc.cluster.local:50051`).
   * @default - calls nothing
   */
  readonly dependsOn?: readonly DependsOn[];
  /** Raw peers beyond `dependsOn` (a namespace, a CIDR). @default - deny everything but DNS egress */
  readonly network?: NetworkOptions;
  /** @default - the environment profile's ('IfNotPresent') */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent';
  /** Per-environment overrides, applied after the environment's defaults and this definition. */
  readonly environments?: Partial<Record<E, AppOverride>>;
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

export interface WebServiceProps<E extends string = string> extends AppProps<E>, WebServiceCustomizeProps {
  /** The serving port. @default 8080 */
  readonly port?: number;
  /** @default 'http' */
  readonly protocol?: 'http' | 'grpc';
  /** @default - Health.http('/healthz') for HTTP, Health.grpc() for gRPC */
  readonly health?: HealthCheck;
  /** Port on which the app serves Prometheus metrics (a ServiceMonitor scrapes it). @default - none */
  readonly metricsPort?: number;
  /** HTTP path of the metrics. @default '/metrics' */
  readonly metricsPath?: string;
  /** Also expose the metrics port through the app's Service, and scrape through it. @default false (scraped from the pods directly) */
  readonly metricsOnService?: boolean;
  /** Service level objectives: recording rules, burn-rate alerts and dashboard panels. Needs `metricsPort`. @default - none */
  readonly slo?: SloProps;
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
  /** Workers have no serving port, so the health check must be declared. */
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
}

export type WebServiceDefinition = WebServiceProps & { readonly kind: 'web-service' };
export type WorkerDefinition = WorkerProps & { readonly kind: 'worker' };
export type ScheduledTaskDefinition = ScheduledTaskProps & { readonly kind: 'scheduled-task' };

/** What a product team writes, tagged with its kind. */
export type AppDefinition = WebServiceDefinition | WorkerDefinition | ScheduledTaskDefinition;

/** An app definition and the file it came from (relative to the repository root). */
export interface SourcedApp {
  readonly definition: AppDefinition;
  readonly source: string;
}
