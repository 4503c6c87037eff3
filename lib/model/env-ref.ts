/**
 * Environment variables whose value Kubernetes fills in: from the downward API (the pod's name,
 * namespace, node...), or from a ConfigMap or Secret that exists in the namespace and that the
 * platform does not create (a shared flags ConfigMap, a legacy Secret). Plain data, made with `Env`
 * and `EnvFrom`. A Secret named here is outside the secret store: its name says so in the
 * definition (`Env.existingSecret`), and it is never a literal, so `secret-in-env` has nothing to flag.
 */

/** The pod fields the downward API exposes as env vars (`fieldRef`). */
export const DOWNWARD_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
] as const;
/** Also allowed: one label or annotation of the pod, `metadata.labels['<key>']`. */
export const DOWNWARD_KEYED_FIELD = /^metadata\.(labels|annotations)\['([^']+)'\]$/;
/** The app container's own requests and limits (`resourceFieldRef`). */
export const DOWNWARD_RESOURCES = [
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
] as const;

export type EnvRef =
  | { readonly kind: 'field'; readonly fieldPath: string }
  | { readonly kind: 'resource'; readonly resource: string }
  | { readonly kind: 'configMapKey'; readonly name: string; readonly key: string }
  | { readonly kind: 'secretKey'; readonly name: string; readonly key: string };

export type EnvFromSource =
  | { readonly kind: 'configMap'; readonly name: string; readonly prefix?: string }
  | { readonly kind: 'secret'; readonly name: string; readonly prefix?: string };

export const Env = {
  /** A field of the pod: `Env.fieldRef('metadata.name')`, `Env.fieldRef('spec.nodeName')`. */
  fieldRef: (fieldPath: string): EnvRef => ({ kind: 'field', fieldPath }),
  /** The app container's own request or limit: `Env.resource('limits.memory')` (bytes; CPU in whole cores, rounded up). */
  resource: (resource: string): EnvRef => ({ kind: 'resource', resource }),
  /** One key of a ConfigMap the platform does not create: `Env.configMapKey('shared-flags', 'CHECKOUT_V2')`. */
  configMapKey: (name: string, key: string): EnvRef => ({ kind: 'configMapKey', name, key }),
  /**
   * One key of a Secret that already exists in the namespace and that the platform does not
   * create or sync (prefer `secrets:` with the secret store): `Env.existingSecret('legacy-creds', 'password')`.
   */
  existingSecret: (name: string, key: string): EnvRef => ({ kind: 'secretKey', name, key }),
};

export const EnvFrom = {
  /** Every key of a ConfigMap the platform does not create, as env vars (optionally prefixed). */
  configMap: (name: string, options: { readonly prefix?: string } = {}): EnvFromSource => ({ kind: 'configMap', name, ...options }),
  /** Every key of a Secret that already exists in the namespace (the platform neither creates nor syncs it). */
  existingSecret: (name: string, options: { readonly prefix?: string } = {}): EnvFromSource => ({ kind: 'secret', name, ...options }),
};
