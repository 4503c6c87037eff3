import { goldenPath } from '../lib';
import { environments } from './environments';

// What app definitions import: the golden-path factories, typed by this platform's environments.
export const { webService, worker, scheduledTask, statefulService, batchJob } = goldenPath(environments);
export { Dependency, Exposure, Health, JsonPatch, Peer, Replicas, Secret, Volume } from '../lib';
export type { CustomizeContext, ExtraObject } from '../lib';
// The pinned CRDs' classes, for constructs a customize adds (crds.ScaledObject for KEDA, ...).
export * as crds from '../lib/api/crds';
