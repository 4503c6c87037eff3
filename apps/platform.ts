import { goldenPath } from '../lib';
import { environments } from './environments';

// What app definitions import: the golden-path factories, typed by this platform's environments.
export const { webService, worker, scheduledTask, statefulService, batchJob, dataStore } = goldenPath(environments);
export { Dependency, Env, EnvFrom, Exposure, Health, JsonPatch, Peer, Replicas, Secret, Shutdown, Volume } from '../lib';
export type { CustomizeContext, ExtraObject } from '../lib';
// The pinned CRDs' classes, for constructs a customize adds (crds.ScaledObject for KEDA, ...).
export * as crds from '../lib/api/crds';
