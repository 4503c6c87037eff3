import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { AppDefinition } from '../model/app-definition';
import { loadDefinition } from './load-fleet';
import { renderClaimed, WorkerInput } from './render-in-workers';

// A rendering thread of `renderInWorkers`: it loads the app files it is given work for from the
// repository (definitions hold functions, which cannot be sent), renders until no app is left to
// claim, and posts each result as plain data.
const { apps, root, counters, port } = workerData as WorkerInput;
renderClaimed(
  apps,
  (app) => loadDefinition(join(root, app.source), app.source) as AppDefinition,
  new Int32Array(counters),
  (result) => port.postMessage(result),
);
port.close();
