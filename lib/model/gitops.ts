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
  /** Argo CD project of the Applications. @default 'default' */
  readonly project?: string;
  /**
   * Largest share of an environment's objects one synth may delete before the guard refuses
   * (an accidental mass deletion would make Argo CD prune it from the cluster). @default 0.25
   */
  readonly maxDropShare?: number;
}
