/** What a serving port speaks. `tcp` is any other protocol over TCP (Redis, PostgreSQL, a binary protocol). */
export type PortProtocol = 'http' | 'grpc' | 'tcp';
export const PORT_PROTOCOLS: readonly PortProtocol[] = ['http', 'grpc', 'tcp'];

/** One port a web service serves, exposed through its Service. */
export interface ServingPort {
  /** The container port the process listens on. */
  readonly port: number;
  /** @default - the port's name when it is 'grpc' or 'tcp', else 'http' */
  readonly protocol?: PortProtocol;
  /** The port the Service exposes, sent to the container port by name (e.g. 80 -> 8080). @default - the container port */
  readonly servicePort?: number;
  /**
   * The Service port's `appProtocol`, for a `tcp` port only: the engine's name, e.g. 'redis' or
   * 'postgresql'. @default - the protocol ('http', 'grpc' or 'tcp')
   */
  readonly appProtocol?: string;
}

/**
 * The ports a web service serves, by name (an IANA service name: lowercase, at most 15
 * characters, e.g. 'http', 'grpc', 'redis'). The first is the primary port: the one a health
 * check, `expose` and a dependency that names no port use.
 * @example { http: { port: 9898 }, grpc: { port: 9999, protocol: 'grpc' } }
 */
export type ServingPorts = Readonly<Record<string, ServingPort>>;

/** A port of the app's Service, fully explicit. */
export interface ResolvedServicePort {
  /** The container port's name, which the Service targets. */
  readonly name: string;
  /** The port the Service exposes (what callers dial). */
  readonly port: number;
  /** The container port (what NetworkPolicies and probes see). */
  readonly targetPort: number;
  readonly protocol: PortProtocol;
  readonly appProtocol: string;
}
