/** A probe handler and its timing, fully explicit. */
export interface ResolvedProbe {
  readonly handler:
    | { readonly kind: 'http'; readonly path: string; readonly port: string }
    | { readonly kind: 'grpc'; readonly port: number; readonly service: string }
    | { readonly kind: 'tcp'; readonly port: string }
    | { readonly kind: 'exec'; readonly command: readonly string[] };
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}
