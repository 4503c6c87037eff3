import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { AppDefinition } from '../model/app-definition';
import { loadDefinition } from './load-fleet';
import { serveJobs, WorkerInput } from './worker-tasks';

// A rendering thread of `startInWorkers`: it loads from the repository the app files whose escape
// hatches it runs (definitions hold functions, which cannot be sent), prepares its share of each job
// and posts each outcome as JSON, until its pool closes.
const input = workerData as WorkerInput;
serveJobs(input, (app) => loadDefinition(join(input.root, app.source), app.source) as AppDefinition);
input.port.close();
