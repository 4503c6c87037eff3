import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { AppDefinition } from '../model/app-definition';
import { loadDefinition } from './load-fleet';
import { post, prepareClaimed, watchWorker, WorkerInput } from './render-in-workers';

// A rendering thread of `renderInWorkers`: it loads the app files it is given work for from the
// repository (definitions hold functions, which cannot be sent), prepares apps until none is left
// to claim, and posts each outcome as JSON.
const { apps, groups, root, counters, port, slot } = workerData as WorkerInput;
const shared = new Int32Array(counters);
watchWorker(shared, slot);
prepareClaimed(
  apps,
  groups,
  (app) => loadDefinition(join(root, app.source), app.source) as AppDefinition,
  shared,
  slot,
  (index, outcome) => post(port, index, outcome),
);
port.close();
