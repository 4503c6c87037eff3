/**
 * Secrets are only ever references: a definition names where a value lives in the platform's
 * secret store, never the value. External Secrets Operator reads the store and writes a Secret
 * in the cluster; nothing secret is ever in git or in the rendered output.
 * Plain data (so overrides and tests can build it), made with `Secret.ref`.
 */

/** One value in the platform's secret store. */
export interface SecretRef {
  /** The secret's key (its path or name) in the store, e.g. 'shop/checkout-api/stripe'. */
  readonly key: string;
  /** A property of a structured (JSON) secret, e.g. 'apiKey'. @default - the whole value */
  readonly property?: string;
}

/** The SecretStore (namespaced: one per team namespace) or ClusterSecretStore an ExternalSecret reads from. */
export interface SecretStoreRef {
  readonly kind: 'ClusterSecretStore' | 'SecretStore';
  /** The store object's name, e.g. 'vault'. */
  readonly name: string;
}

export const SECRET_STORE_KINDS: readonly SecretStoreRef['kind'][] = ['ClusterSecretStore', 'SecretStore'];

/** Whether running pods roll when a secret env var changes: 'reloader' (Stakater Reloader) or 'none'. */
export type SecretRollout = 'reloader' | 'none';
export const SECRET_ROLLOUTS: readonly SecretRollout[] = ['reloader', 'none'];

export const Secret = {
  /**
   * A reference to `key` in the secret store, or to one `property` of it:
   * `Secret.ref('shop/checkout-api/stripe', 'apiKey')`.
   */
  ref: (key: string, property?: string): SecretRef => (property === undefined ? { key } : { key, property }),
};
