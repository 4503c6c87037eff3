/** How the rendered tree reaches clusters: the Git repository Argo CD reads, and the safety net. */
export interface GitOpsSettings {
  /** The Git repository Argo CD pulls the rendered tree from. */
  readonly repoURL: string;
  /** Branch or tag Argo CD follows. @default 'main' */
  readonly targetRevision?: string;
  /** Folder of the rendered tree inside that repository. @default 'dist' */
  readonly path?: string;
  /** Namespace Argo CD runs in, where the Application objects live. @default 'argocd' */
  readonly argocdNamespace?: string;
  /** Argo CD project of each environment's root Application (each team's Application runs in its own AppProject, `<env>-<team>`). @default 'default' */
  readonly project?: string;
  /**
   * Largest share of an environment's objects one synth may delete before the guard refuses
   * (an accidental mass deletion would make Argo CD prune it from the cluster). @default 0.25
   */
  readonly maxDropShare?: number;
  /** How Argo CD syncs the generated Applications. @default - see ArgoCdSyncPolicy */
  readonly syncPolicy?: ArgoCdSyncPolicy;
}

/** The sync behaviour of every generated Argo CD Application; each field has a platform default. */
export interface ArgoCdSyncPolicy {
  /** Delete from the cluster what was deleted from Git. @default true */
  readonly prune?: boolean;
  /** Revert changes made in the cluster by hand. @default true */
  readonly selfHeal?: boolean;
  /** Deleting an Application deletes what it deployed (Argo CD's resources finalizer). @default true */
  readonly finalizer?: boolean;
  /** Argo CD sync options. @default ['PrunePropagationPolicy=foreground', 'PruneLast=true'] */
  readonly syncOptions?: readonly string[];
  /** Retries of a failed sync. @default { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } */
  readonly retry?: ArgoCdRetry;
}

export interface ArgoCdRetry {
  /** Attempts before the sync is marked failed. */
  readonly limit: number;
  /** Wait before each retry: `duration`, multiplied by `factor` each time, up to `maxDuration` (Go durations). */
  readonly backoff: { readonly duration: string; readonly factor: number; readonly maxDuration: string };
}
