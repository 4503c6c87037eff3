import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Problems, ValidationError } from '../internal/errors';
import { ResolvedApp } from '../model/resolved-app';
import { AppDefinition } from '../model/app-definition';
import { hasEscapeHatch } from '../stacks/customize';
import { PreparedApp } from './prepare-app';
import {
  busyOf,
  CLOSED,
  DIED,
  DONE,
  EXIT_CODE,
  Job,
  markRead,
  Outcome,
  prepareClaimed,
  SIGNAL,
  SLOTS,
  TaskMessage,
  tasksOf,
  threadOf,
  UNREAD_LIMIT,
  WorkerInput,
} from './worker-tasks';

export interface ParallelOptions {
  /** Threads rendering at once, the main thread included; 1 renders serially. */
  readonly jobs: number;
  /** The repository root: a worker loads from it the app files (`SourcedApp.source`) whose escape hatches it runs. */
  readonly root: string;
  /** Renderings to do at or below which starting workers costs more than it saves. @default PARALLEL_THRESHOLD */
  readonly threshold?: number;
  /** How much of the workers' results (JSON, UTF-16 units) may wait unread before they stop claiming tasks. @default UNREAD_LIMIT */
  readonly unreadLimit?: number;
  /** Told how many threads render when workers start (for the summary line). @default - not told */
  readonly onStart?: (threads: number) => void;
}

/**
 * A worker loads cdk8s, cdk8s-plus-28 and the validators (~0.3 s CPU)
 * before its first app, which takes ~3 ms; below this many renderings the serial path is as fast.
 */
export const PARALLEL_THRESHOLD = 50;

/** `--jobs` when not given: the machine's cores, capped where more threads gained nothing measurable. */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), 8);
}

export function useWorkers(renderings: number, parallel: ParallelOptions | undefined): boolean {
  return parallel !== undefined && parallel.jobs > 1 && renderings > 0 && renderings > (parallel.threshold ?? PARALLEL_THRESHOLD);
}

/** How long the main thread waits for a task before it looks whether the workers on one still live. */
const LIVENESS_MS = 200;

/**
 * Worker threads started once for a synth: a synth that renders environment by environment calls
 * `startInWorkers` once per environment, and each worker loads cdk8s, the validators and the app
 * files it needs (`Job.escaping`) once. A pool lives while the code that started it runs
 * synchronously (the pipeline is synchronous, so: until the synth returns and its caller yields,
 * e.g. awaits), so a later synth in the same process starts afresh; and it is closed at once when a
 * job fails.
 */
class WorkerPool {
  readonly control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  readonly channels: MessageChannel[];
  private readonly threads: Worker[];

  constructor(
    readonly workers: number,
    root: string,
    private readonly onClose: () => void,
  ) {
    this.channels = Array.from({ length: workers }, () => new MessageChannel());
    this.threads = this.channels.map(
      ({ port2 }, slot) =>
        new Worker(WORKER_SCRIPT, {
          eval: true,
          workerData: { root, control: this.control, port: port2, slot } satisfies WorkerInput,
          transferList: [port2],
        }),
    );
    for (const thread of this.threads) {
      // A worker that fails to start claims nothing and leaves its share to the others; without a
      // listener its 'error' event would end the process once this thread is idle again.
      thread.on('error', () => {});
      // Idle workers do not keep the process alive.
      thread.unref();
    }
    queueMicrotask(() => this.close());
  }

  post(job: Job): void {
    for (const { port1 } of this.channels) port1.postMessage(job);
    const control = new Int32Array(this.control);
    Atomics.add(control, SIGNAL, 1);
    Atomics.notify(control, SIGNAL);
  }

  close(): void {
    const control = new Int32Array(this.control);
    if (Atomics.exchange(control, CLOSED, 1) === 1) return;
    Atomics.add(control, SIGNAL, 1);
    Atomics.notify(control, SIGNAL);
    for (const thread of this.threads) void thread.terminate();
    for (const { port1 } of this.channels) port1.close();
    this.onClose();
  }
}

const pools = new Map<string, WorkerPool>();

function poolFor(parallel: ParallelOptions): WorkerPool {
  const id = `${parallel.jobs}:${parallel.root}`;
  let pool = pools.get(id);
  if (!pool) {
    pool = new WorkerPool(parallel.jobs - 1, parallel.root, () => pools.delete(id));
    pools.set(id, pool);
  }
  return pool;
}

/** Apps handed to the workers, which this thread joins and collects in `finish`. */
export interface PendingRendering {
  /** Prepares the tasks no worker has claimed yet on this thread, then waits for the workers': the apps' results, in their order. */
  finish(problems: Problems): PreparedApp[];
}

/**
 * Prepares the apps (`prepareApp`: render, check object by object, emit) on `jobs - 1` worker threads
 * and this one, each claiming the next task from a shared counter, so a slow app does not hold up a
 * fixed share. In two steps: the workers start on the apps at once, and this thread is free until
 * it calls `finish` (a synth checks, lays out and writes one environment while the workers render
 * the next, instead of leaving them idle). Synchronous like the serial path (the pipeline stays
 * synchronous): `finish` blocks in Atomics.wait and reads the workers' results with
 * receiveMessageOnPort. Definitions hold functions (customize, objects), which cannot cross
 * threads: workers get the resolved apps (plain data) and require the definitions they need by
 * source path themselves. Results and problems come back in the apps' order, as the serial path
 * gives them. A worker that dies on an app (process.exit, out of memory) fails the run with an
 * error naming the app and environment instead of leaving this thread waiting for it.
 */
export function startInWorkers(
  apps: readonly ResolvedApp[],
  definitionOf: (app: ResolvedApp) => AppDefinition | undefined,
  parallel: ParallelOptions,
): PendingRendering {
  const pool = poolFor(parallel);
  const groups = tasksOf(apps, pool.workers + 1);
  const escaping = [...new Set(apps.filter((app) => definitionNeeded(definitionOf(app))).map((app) => app.source))];
  const counters = new SharedArrayBuffer((SLOTS + 2 * pool.workers) * Int32Array.BYTES_PER_ELEMENT);
  const shared = new Int32Array(counters);
  pool.post({ apps, groups, escaping, counters, unreadLimit: parallel.unreadLimit ?? UNREAD_LIMIT });
  parallel.onStart?.(pool.workers + 1);
  return { finish: (problems) => collect(apps, groups, definitionOf, pool, shared, problems) };
}

/** `PendingRendering.finish`: this thread claims tasks too, then drains the workers' results until every app has one. */
function collect(
  apps: readonly ResolvedApp[],
  groups: readonly (readonly number[])[],
  definitionOf: (app: ResolvedApp) => AppDefinition | undefined,
  pool: WorkerPool,
  shared: Int32Array,
  problems: Problems,
): PreparedApp[] {
  const outcomes: Outcome[] = [];
  let received = 0;
  // The workers' results are read between this thread's own tasks too: a worker stops at UNREAD_LIMIT unread.
  const read = () => {
    for (const { port1 } of pool.channels) {
      for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) {
        const task = message.message as TaskMessage;
        markRead(shared, task);
        outcomes[task.index] = JSON.parse(task.json) as Outcome;
        received++;
      }
    }
  };
  try {
    prepareClaimed(
      apps,
      groups,
      definitionOf,
      shared,
      undefined,
      (index, outcome) => {
        outcomes[index] = outcome;
        received++;
      },
      read,
    );
    while (received < apps.length) {
      const done = Atomics.load(shared, DONE);
      read();
      if (received === apps.length) break;
      checkAlive(apps, shared, pool.workers);
      // A worker counts a task done after posting its result: woken, the next drain finds it.
      Atomics.wait(shared, DONE, done, LIVENESS_MS);
    }
  } catch (error) {
    pool.close();
    throw error;
  }
  return outcomes.map((outcome) => {
    if ('error' in outcome) {
      if (outcome.error.problems) throw new ValidationError([...outcome.error.problems]);
      throw Object.assign(new Error(outcome.error.message), { stack: outcome.error.stack });
    }
    for (const problem of outcome.problems) problems.add(problem);
    return outcome.prepared;
  });
}

/**
 * Throws, naming the app and environment, when a worker died on a task: it said so as it exited
 * (process.exit, an uncaught exception), or, where Linux shows threads in /proc, its thread is
 * gone without a word (killed out of memory, which runs no JavaScript in it).
 */
function checkAlive(apps: readonly ResolvedApp[], shared: Int32Array, workers: number): void {
  const died = Atomics.load(shared, DIED);
  if (died > 0) throw workerDied(apps[died - 1], `its worker thread exited (code ${Atomics.load(shared, EXIT_CODE)})`);
  for (let slot = 0; slot < workers; slot++) {
    const busy = Atomics.load(shared, busyOf(slot));
    const thread = Atomics.load(shared, threadOf(slot));
    if (busy > 0 && thread > 0 && !existsSync(`/proc/self/task/${thread}`)) {
      // It may have finished the task and ended between the two reads: only a task still not done counts.
      if (Atomics.load(shared, busyOf(slot)) === busy) throw workerDied(apps[busy - 1], 'its worker thread ended (out of memory?)');
    }
  }
}

function workerDied(app: ResolvedApp, what: string): ValidationError {
  return new ValidationError([
    {
      code: 'E_WORKER_DIED',
      source: app.source,
      app: app.name,
      environment: app.environment,
      message: `rendering stopped: ${what}`,
      fix: "run 'platform synth --jobs 1' to see what the app does; app code must not end the process (process.exit) or exhaust memory",
    },
  ]);
}

/** Whether rendering the app reads its definition (else its resolved app is all `renderApp` reads). */
function definitionNeeded(definition: AppDefinition | undefined): boolean {
  return definition !== undefined && hasEscapeHatch(definition);
}

/**
 * The worker's code: TypeScript loads through the repository's loader (in the installed package,
 * lib is compiled and the same paths resolve to .js).
 */
const WORKER_SCRIPT = `
require(${JSON.stringify(join(__dirname, '..', 'internal', 'register-ts.js'))});
require(${JSON.stringify(join(__dirname, 'render-worker'))});
`;
