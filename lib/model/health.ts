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

export interface HttpHealth extends HealthTiming {
  readonly kind: 'http';
  /** Path that answers 2xx when the app can take traffic. */
  readonly path: string;
  /**
   * Path that answers 2xx while the process is alive; it should not check dependencies.
   * @default - the readiness path, checked less often and with more patience
   */
  readonly livenessPath?: string;
  /** Name of the container port to check. @default - the serving port */
  readonly port?: string;
}

export interface GrpcHealth extends HealthTiming {
  readonly kind: 'grpc';
  /** Service name sent in the gRPC health request. @default '' (the whole server) */
  readonly service?: string;
  /** Name of the container port to check. @default - the serving port */
  readonly port?: string;
}

export interface TcpHealth extends HealthTiming {
  readonly kind: 'tcp';
  /** Name of the container port to check. @default - the serving port */
  readonly port?: string;
}

export interface ExecHealth extends HealthTiming {
  readonly kind: 'exec';
  readonly command: readonly string[];
  /** Command for liveness. @default - the readiness command */
  readonly livenessCommand?: readonly string[];
}

export type HealthCheck = HttpHealth | GrpcHealth | TcpHealth | ExecHealth;
export type HealthKind = HealthCheck['kind'];
export const HEALTH_KINDS: readonly HealthKind[] = ['http', 'grpc', 'tcp', 'exec'];

type Options<T> = Omit<T, 'kind'>;

export const Health = {
  http: (path: string, options: Omit<Options<HttpHealth>, 'path'> = {}): HttpHealth => ({ kind: 'http', path, ...options }),
  grpc: (options: Options<GrpcHealth> = {}): GrpcHealth => ({ kind: 'grpc', ...options }),
  tcp: (options: Options<TcpHealth> = {}): TcpHealth => ({ kind: 'tcp', ...options }),
  exec: (command: readonly string[], options: Omit<Options<ExecHealth>, 'command'> = {}): ExecHealth => ({ kind: 'exec', command, ...options }),
};
