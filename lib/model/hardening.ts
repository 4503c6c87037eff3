/**
 * The hardened golden path, for services that handle personal or payment data. One declaration
 * on any app, `hardened: { dataClass: 'pci' }`, switches on in every environment: TLS inside the
 * cluster, ingress only from declared callers, images pinned by digest and always pulled, the
 * environment's sandboxed runtime and node pool, a data-class label on every object, reviewed
 * syncs in production, and a stricter waiver policy.
 */

/** The class of data an app handles: the value of the data-class label audit and log pipelines key on. */
export type DataClass = 'pci' | 'pii' | 'phi';

/** The data classes, for checks of a definition written in plain JavaScript. */
export const DATA_CLASSES: readonly DataClass[] = ['pci', 'pii', 'phi'];

/** An app's opt-in to the hardened golden path. */
export interface HardenedOptions {
  /** What the app handles: payment card data ('pci'), personal data ('pii') or health data ('phi'). */
  readonly dataClass: DataClass;
}

/** A cert-manager issuer, by kind and name. */
export interface IssuerRef {
  readonly kind: 'ClusterIssuer' | 'Issuer';
  readonly name: string;
}

/** Nodes set apart for hardened pods: they select the nodes by label and tolerate the nodes' taint. */
export interface NodePool {
  /** Labels of the pool's nodes, e.g. `{ 'acme.dev/pool': 'restricted' }`. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** The taint that keeps every other pod off the pool. */
  readonly taint: { readonly key: string; readonly value: string; readonly effect: 'NoSchedule' | 'NoExecute' };
}

/** When Argo CD may sync a hardened app on its own: an allow window on the team's AppProject. */
export interface SyncWindow {
  /** Cron expression of the window's start, e.g. '0 9 * * 1-4' (weekday mornings). */
  readonly schedule: string;
  /** How long the window stays open: a Go duration, e.g. '2h'. */
  readonly duration: string;
  /** IANA time zone of the schedule. @default 'Etc/UTC' */
  readonly timeZone?: string;
}

/** What an environment provides the hardened apps in it. */
export interface EnvironmentHardening {
  /**
   * The cert-manager issuer of in-cluster TLS certificates. A hardened web service in an
   * environment without one is an error. @default - none
   */
  readonly internalIssuer?: IssuerRef;
  /** RuntimeClass of hardened pods, e.g. 'gvisor' (a sandboxed runtime). @default - the cluster's default runtime */
  readonly runtimeClassName?: string;
  /** Dedicated nodes for hardened pods. @default - any node */
  readonly nodePool?: NodePool;
  /**
   * Production only: Argo CD syncs a team with a hardened app automatically within this window and
   * at no other time. @default - no automatic sync: a person syncs after review
   */
  readonly syncWindow?: SyncWindow;
}

/**
 * The rules a hardened app may not waive at all: pod security, container hardening, secrets,
 * network isolation, image pinning and the hardened rules themselves (but public exposure, which
 * a hardened app may have only with a waiver).
 */
export const HARDENED_UNWAIVABLE_RULES: readonly string[] = [
  'pss-privileged',
  'pss-privilege-escalation',
  'pss-run-as-non-root',
  'pss-capabilities',
  'pss-seccomp',
  'pss-host-namespaces',
  'pss-host-ports',
  'pss-host-path',
  'pss-volume-types',
  'pss-proc-mount',
  'pss-sysctls',
  'read-only-root-filesystem',
  'service-account-token',
  'secret-in-env',
  'secret-in-config-map',
  'rbac-least-privilege',
  'network-policy-ingress',
  'network-policy-egress',
  'image-tag-or-digest',
  'hardened-image-digest',
  'hardened-pull-always',
  'hardened-service-tls',
  'hardened-ingress-callers',
];

/** The longest a hardened app's other waivers may run, in days from the day of the synth. */
export const HARDENED_MAX_WAIVER_DAYS = 90;

/** Where a hardened app finds its TLS certificate and key (`tls.crt`, `tls.key`, `ca.crt`). */
export const TLS_MOUNT_PATH = '/var/run/tls';

/** An environment's hardening settings, resolved: a sync window names its time zone. */
export interface ResolvedEnvironmentHardening extends Omit<EnvironmentHardening, 'syncWindow'> {
  readonly syncWindow?: Required<SyncWindow>;
}

/** A hardened app in one environment, every value explicit. */
export interface ResolvedHardening {
  readonly dataClass: DataClass;
  /** The serving certificate; absent for apps without a Service (workers, scheduled tasks). */
  readonly tls?: {
    readonly issuer: IssuerRef;
    /** The Secret cert-manager writes: `<app>-tls`. */
    readonly secretName: string;
    /** The app's in-cluster names: service, service.namespace, service.namespace.svc, and the FQDN. */
    readonly dnsNames: readonly string[];
    readonly mountPath: string;
    readonly privateKey: { readonly algorithm: 'ECDSA' | 'RSA'; readonly size: number; readonly rotate: boolean };
    /** Lifetime of each certificate: a Go duration. */
    readonly duration: string;
  };
  readonly runtimeClassName?: string;
  readonly nodePool?: NodePool;
}
