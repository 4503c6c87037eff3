/** A team's namespace in one environment, fully resolved: labels, quota and container defaults. */
export interface ResolvedNamespace {
  readonly name: string;
  readonly team: string;
  readonly environment: string;
  /** Labels of every object of the namespace. */
  readonly labels: Readonly<Record<string, string>>;
  /** Pod Security admission labels, on the Namespace only. */
  readonly podSecurityLabels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Annotations of the Namespace only: whether the environment serves production (`ResolvedEnvironment.production`). */
  readonly namespaceAnnotations: Readonly<Record<string, string>>;
  /** ResourceQuota `hard` entries. */
  readonly quota: Readonly<Record<string, string>>;
  /** LimitRange container defaults, for objects that set no resources of their own. */
  readonly defaultRequest: Readonly<Record<string, string>>;
  readonly defaultLimit: Readonly<Record<string, string>>;
}
