/**
 * Containers beside the app's own in its pod: sidecars that run with it (a database proxy, a log
 * shipper) and init containers that run to completion before it starts (a migration, a wait).
 * Plain data, so overrides and tests can build it.
 */
import { HealthCheck } from './health';
import { Resources } from './resources';

/** What every extra container declares. */
export interface ExtraContainerProps {
  /** The container's name: a DNS label, unique in the pod. */
  readonly name: string;
  /**
   * Image repository, optionally with a default tag or digest; the releases file pins it per
   * environment under `<app>/<name>` (`platform set-image <app> --container <name>`).
   * @example 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.4'
   */
  readonly image: string;
  /** Overrides the image's entrypoint. @default - the image's */
  readonly command?: readonly string[];
  /** Arguments to the entrypoint. @default - the image's */
  readonly args?: readonly string[];
  /** Plain environment variables; a literal secret is rejected as in the app's `env`. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Also give it the app container's environment: env, config, secrets, env references and
   * dependency addresses (a migration needs the database settings the app has). Its own `env`
   * comes after them. @default false
   */
  readonly appEnv?: boolean;
  /** @default - the environment's sidecar profile (smaller than the app's: 50m CPU, 64Mi memory) */
  readonly resources?: Resources;
}

/** A container that runs beside the app for the pod's whole life. */
export interface SidecarProps extends ExtraContainerProps {
  /** Port the sidecar listens on, declared on the container (other containers of the pod reach it on localhost). @default - none */
  readonly port?: number;
  /** Name of that port: an IANA service name of at most 15 characters. @default - the container's name */
  readonly portName?: string;
  /**
   * How to check it; probes are derived as for the app. A network check targets the sidecar's
   * `port`. @default - no probes (the pod's readiness is the app's)
   */
  readonly health?: HealthCheck;
}

/** A container that runs to completion, in order, before the app (and its sidecars' successors) start. */
export interface InitContainerProps extends ExtraContainerProps {
  /** Init containers have no probes: they run once and exit. */
  readonly health?: never;
}
