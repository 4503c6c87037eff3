import { ResolvedProbe, ResolvedResources } from './resolved-pod';

/** A sidecar or init container, fully explicit. It shares the app's security context, image pull policy and /tmp. */
export interface ResolvedContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Sorted by name. */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  /** Gets the app container's env and envFrom before its own env. */
  readonly appEnv: boolean;
  /** The sidecar's port, if it declares one. */
  readonly port?: { readonly name: string; readonly port: number };
  readonly resources: ResolvedResources;
  /** Sidecars with a health check only. */
  readonly probes?: { readonly readiness: ResolvedProbe; readonly liveness: ResolvedProbe; readonly startup: ResolvedProbe };
}

/** An env var Kubernetes fills in (downward API, or a key of an existing ConfigMap or Secret). */
export interface ResolvedEnvRef {
  readonly name: string;
  readonly source:
    | { readonly kind: 'field'; readonly fieldPath: string }
    | { readonly kind: 'resource'; readonly resource: string }
    | { readonly kind: 'configMapKey' | 'secretKey'; readonly name: string; readonly key: string };
}

/** Every key of an existing ConfigMap or Secret, as env vars. */
export interface ResolvedEnvFrom {
  readonly kind: 'configMap' | 'secret';
  readonly name: string;
  readonly prefix?: string;
}

/** The preStop hook, as it will be written; 'none' writes no hook. */
export type ResolvedPreStop =
  | { readonly kind: 'sleep'; readonly seconds: number }
  | { readonly kind: 'exec'; readonly command: readonly string[]; readonly seconds?: number }
  | { readonly kind: 'none' };
