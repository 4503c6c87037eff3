import { SecretStoreRef } from './secret';

/** One value the pod reads from the app's Secret: `name` is the env var or file name, and its key in the Secret. */
export interface ResolvedSecretRef {
  readonly name: string;
  /** The key in the secret store. */
  readonly key: string;
  readonly property?: string;
}

/** An app's secret references in one environment, and the store they are read from. */
export interface ResolvedSecrets {
  /** From the environment's `secretStore`, else the platform's. */
  readonly store: SecretStoreRef;
  /** How often External Secrets Operator re-reads the store (a Go duration, e.g. '1h'). */
  readonly refreshInterval: string;
  /**
   * Whether Reloader rolls the app's Deployment when its Secret changes: the environment runs it
   * (`secretRollout: 'reloader'`) and the app reads secrets as env vars, which only a restart
   * refreshes (files update in place; a scheduled task's every run starts new pods).
   */
  readonly reloadOnChange: boolean;
  /** Environment variables, sorted by name. */
  readonly env: readonly ResolvedSecretRef[];
  /** Files, sorted by name. */
  readonly files: readonly ResolvedSecretRef[];
}
