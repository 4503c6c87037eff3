/** The parts of a pod that apps and in-cluster data stores share, fully explicit. */

/** A probe handler and its timing, fully explicit. */
export interface ResolvedProbe {
  readonly handler:
    | {
        readonly kind: 'http';
        readonly path: string;
        readonly port: string;
        readonly headers?: readonly { readonly name: string; readonly value: string }[];
        readonly scheme?: 'HTTPS';
      }
    | { readonly kind: 'grpc'; readonly port: number; readonly service: string }
    | { readonly kind: 'tcp'; readonly port: string }
    | { readonly kind: 'exec'; readonly command: readonly string[] };
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** Requests and limits of a container. */
export interface ResolvedResources {
  readonly requests: Readonly<Record<'cpu' | 'memory' | 'ephemeral-storage', string>>;
  readonly limits: Readonly<Partial<Record<'cpu' | 'memory' | 'ephemeral-storage', string>>>;
}

/** Who a pod runs as and what its container may do. */
export interface ResolvedSecurity {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly readOnlyRootFilesystem: boolean;
  readonly addCapabilities: readonly string[];
  /** Set on pods with a persistent volume: chown the volume to the group only when its root is not the group's yet. */
  readonly fsGroupChangePolicy?: 'OnRootMismatch' | 'Always';
}
