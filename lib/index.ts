// `golden-path-platform`: what a product team's app definitions import. Re-exports only; the
// platform team's API is `golden-path-platform/platform`, the checks `/policy`, review `/review`.
export { goldenPath } from './model/define';
export type { AppFactories } from './model/define';
export type {
  AppDefinition,
  AppKind,
  AppOverride,
  AppProps,
  BatchJobDefinition,
  BatchJobProps,
  NetworkOptions,
  PodMetadataOptions,
  ScheduledTaskDefinition,
  ScheduledTaskProps,
  SecurityOptions,
  ServiceAccountOptions,
  ShutdownOptions,
  StatefulServiceDefinition,
  StatefulServiceProps,
  WebServiceDefinition,
  WebServiceProps,
  WorkerDefinition,
  WorkerProps,
} from './model/app-definition';
export { configFilePath, secretFilePath } from './model/app-files';
export type { ExtraContainerProps, InitContainerProps, SidecarProps } from './model/containers';
export { Env, EnvFrom } from './model/env-ref';
export type { EnvFromSource, EnvRef } from './model/env-ref';
export { Shutdown } from './model/shutdown';
export type { PreStop } from './model/shutdown';
export type { GpuRequest } from './model/batch';
export { Dependency } from './model/dependency';
export type { AppDependency, DataStoreDependency, DependsOn, ExternalDataStore, HostDependency } from './model/dependency';
export { Exposure } from './model/exposure';
export type { InternalExposure, PublicExposure, PublicExposureOptions } from './model/exposure';
export type { DataClass, HardenedOptions } from './model/hardening';
export { Health } from './model/health';
export type { ExecHealth, GrpcHealth, HealthCheck, HealthTiming, HttpHealth, NoHealth, ProbeCheck, TcpHealth } from './model/health';
export type { PortProtocol, ServingPort, ServingPorts } from './model/ports';
export { Peer } from './model/peer';
export type { AppPeer, CidrPeer, NamespacePeer } from './model/peer';
export { Replicas } from './model/replicas';
export type { AutoscaledReplicas, FixedReplicas } from './model/replicas';
export type { Resources } from './model/resources';
export { Volume } from './model/volume';
export type { EmptyDirVolume, PersistentVolume, VolumeAccessMode } from './model/volume';
export { Secret } from './model/secret';
export type { SecretRef } from './model/secret';
export type { LatencySloProps, SloMetricsOptions, SloProps } from './model/slo';
export type { Waiver, WaiverTarget } from './model/waiver';
// The escape hatches: `customize(stack, ctx)` receives these stacks (typed per kind through
// StackOfKind, filled in by stacks/stack-of-kind), and patches with cdk8s's JsonPatch.
export type { CustomizeContext, CustomizeProps, ExtraObject, StackFor, StackOfKind } from './model/customize';
export type * from './stacks/stack-of-kind';
export type { ScheduledTask } from './stacks/scheduled-task';
export type { StatefulService } from './stacks/stateful-service';
export type { BatchJob } from './stacks/batch-job';
export type { WebService } from './stacks/web-service';
export type { Worker } from './stacks/worker';
export { JsonPatch } from './stacks/json-patch';
