/**
 * A declared health endpoint, from which the readiness, liveness and startup probes are derived.
 * Plain data (so overrides and tests can build it), made with the `Health` factories.
 */

/** Timing of the derived probes. Liveness is always more patient than readiness. */
export interface HealthTiming {
  /** Seconds between readiness checks. @default 5 */
  readonly readinessPeriodSeconds?: number;
  /** Seconds between liveness checks. @default 10 */
  readonly livenessPeriodSeconds?: number;
  /** Consecutive liveness failures before a restart. @default 6 (a minute at the default period) */
  readonly livenessFailureThreshold?: number;
  /** Seconds a container may take to start before liveness applies. @default 120 */
  readonly startupSeconds?: number;
  /** Seconds one check may take. @default 2 */
  readonly timeoutSeconds?: number;
}

/** What one probe checks, whichever probe it is. */
export interface HttpCheck {
  readonly kind: 'http';
  /** Path that answers 2xx. */
  readonly path: string;
  /** Name of the container port to check. @default - the first serving port (a worker's 'health' port) */
  readonly port?: string;
  /** Request headers, name -> value (e.g. a Host the app routes on). @default - none */
  readonly headers?: Readonly<Record<string, string>>;
}
export interface GrpcCheck {
  readonly kind: 'grpc';
  /** Service name sent in the gRPC health request. @default '' (the whole server) */
  readonly service?: string;
  /** Name of the container port to check. @default - the first serving port (a worker's 'health' port) */
  readonly port?: string;
}
export interface TcpCheck {
  readonly kind: 'tcp';
  /** Name of the container port to check. @default - the first serving port (a worker's 'health' port) */
  readonly port?: string;
}
export interface ExecCheck {
  readonly kind: 'exec';
  readonly command: readonly string[];
}
/** A check of its own for liveness: `Health.http('/ready', { liveness: Health.exec(['/app/alive']) })`. */
export type ProbeCheck = HttpCheck | GrpcCheck | TcpCheck | ExecCheck;

interface HealthOptions extends HealthTiming {
  /**
   * What liveness checks instead, when the process can tell "alive" apart from "ready"; it should
   * not check dependencies. Timing stays this check's.
   * @default - a TCP check of the same port for HTTP and gRPC (the process answers); the same check for TCP and exec
   */
  readonly liveness?: ProbeCheck;
}

export interface HttpHealth extends HttpCheck, HealthOptions {
  /** Liveness on another path of the same port, with the same headers (shorthand for `liveness: Health.http(path)`). @default - see `liveness` */
  readonly livenessPath?: string;
}
export interface GrpcHealth extends GrpcCheck, HealthOptions {}
export interface TcpHealth extends TcpCheck, HealthOptions {}
export interface ExecHealth extends ExecCheck, HealthOptions {
  /** Command for liveness (shorthand for `liveness: Health.exec(command)`). @default - the readiness command */
  readonly livenessCommand?: readonly string[];
}
/** A worker with no health endpoint at all (a load generator, a pure client): no probes, and a reason that review sees. */
export interface NoHealth {
  readonly kind: 'none';
  /** Why the app cannot be checked; shown by `platform explain` and on the workload. */
  readonly reason: string;
}

export type HealthCheck = HttpHealth | GrpcHealth | TcpHealth | ExecHealth | NoHealth;
export type HealthKind = HealthCheck['kind'];
export const HEALTH_KINDS: readonly HealthKind[] = ['http', 'grpc', 'tcp', 'exec', 'none'];

type Options<T> = Omit<T, 'kind'>;

export const Health = {
  http: (path: string, options: Omit<Options<HttpHealth>, 'path'> = {}): HttpHealth => ({ kind: 'http', path, ...options }),
  grpc: (options: Options<GrpcHealth> = {}): GrpcHealth => ({ kind: 'grpc', ...options }),
  tcp: (options: Options<TcpHealth> = {}): TcpHealth => ({ kind: 'tcp', ...options }),
  exec: (command: readonly string[], options: Omit<Options<ExecHealth>, 'command'> = {}): ExecHealth => ({ kind: 'exec', command, ...options }),
  /** No probes: only for a worker that serves nothing to check, with the reason. */
  none: (options: { reason: string }): NoHealth => ({ kind: 'none', ...options }),
};
