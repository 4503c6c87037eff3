import { goldenPath } from '../lib';
import { environments } from './environments';

// What app definitions import: the golden-path factories, typed by this platform's environments.
export const { webService, worker, scheduledTask } = goldenPath(environments);
export { Health, Peer, Replicas } from '../lib';
