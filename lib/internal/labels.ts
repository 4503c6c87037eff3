/** The label and annotation keys the platform writes. Changing one is a breaking change of the output. */

export const LABEL = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  version: 'app.kubernetes.io/version',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  team: 'team',
  environment: 'environment',
  /** On every object of a hardened app: the class of data it handles, which the audit and log pipelines key on. */
  dataClass: 'platform.golden-path.dev/data-class',
} as const;

export const MANAGED_BY = 'golden-path';

export const ANNOTATION = {
  /** The app definition file that produced an object: reviewers and `platform check` use it. */
  source: 'platform.golden-path.dev/source',
  /** On an object an app's escape hatch added or changed: what it did, so review sees it in the YAML. */
  escapeHatch: 'platform.golden-path.dev/escape-hatch',
  /** Argo CD applies lower waves first and waits for them to be healthy: namespaces go in wave -1. */
  syncWave: 'argocd.argoproj.io/sync-wave',
  /** On a Deployment: the Secret Stakater Reloader watches, rolling the Deployment when it changes (`secretRollout: 'reloader'`). */
  reloaderSecret: 'secret.reloader.stakater.com/reload',
  /** What Reloader (with `reloadStrategy: annotations`) writes on the pod template to roll it; Argo CD must not revert it. */
  reloaderLastReload: 'reloader.stakater.com/last-reloaded-from',
  /** On a team's Namespace: 'true' when the environment serves production, so `platform check --dist` applies the prod-only rules without loading apps/environments.ts. */
  production: 'platform.golden-path.dev/production',
  /** On an object an app's waivers may excuse: those waivers as JSON, so `platform check --dist` applies them without loading the app file. */
  waivers: 'platform.golden-path.dev/waivers',
  /** On a workload with no probes: why it has no health endpoint (`Health.none({ reason })`), which the policy requires and review reads. */
  noHealthEndpoint: 'platform.golden-path.dev/no-health-endpoint',
} as const;
