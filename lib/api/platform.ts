// `golden-path-platform/platform`: what the platform team's apps/environments.ts and a repository's
// own tooling import. Re-exports only.
export type { Environment, EnvironmentProfile, EnvironmentStorage, NamespaceQuota } from '../model/environment';
export type { EnvironmentGpu, EnvironmentKueue, EnvironmentSpot, NodeTaint } from '../model/batch';
export type { EnvironmentIngress, GatewayReference, IngressMode } from '../model/environment-ingress';
export type { EnvironmentMonitoring } from '../model/environment-monitoring';
export type { EnvironmentHardening, IssuerRef, NodePool, SyncWindow } from '../model/hardening';
export { DnsPeer } from '../model/environment-dns';
export type { EnvironmentDns } from '../model/environment-dns';
export type { ArgoCdRetry, ArgoCdSyncPolicy, GitOpsSettings } from '../model/gitops';
export type { ResolvedEnvironment } from '../model/resolved-environment';
export { resolveFleetEnvironments } from '../pipeline/render-fleet';
export type { SecretRollout, SecretStoreRef } from '../model/secret';
export { Replicas } from '../model/replicas';
export type { Resources } from '../model/resources';
export { KUBERNETES_VERSION } from '../model/kubernetes-version';
export { PLATFORM_DEFAULTS } from '../environments/platform-defaults';
export { loadProject } from '../pipeline/load-project';
export type { Project } from '../pipeline/load-project';
export type { ProjectPaths } from '../pipeline/project';
export { synthesize } from '../pipeline/synthesize';
export type { FleetCheck, SynthesisResult, SynthesizeOptions } from '../pipeline/synthesize';
export { defaultChecks } from '../pipeline/default-checks';
export type { DefaultChecksOptions } from '../pipeline/default-checks';
export { main } from '../cli/main';
export { ConfigFileError, PlatformError, UsageError, ValidationError } from '../internal/errors';
export type { Problem } from '../internal/errors';
