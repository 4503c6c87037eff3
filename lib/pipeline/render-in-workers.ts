import { existsSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Problem, Problems, ValidationError } from '../internal/errors';
import { ResolvedApp } from '../model/resolved-app';
import { AppDefinition } from '../model/app-definition';
import { YamlEmitter } from '../output/emit-yaml';
import { PromqlParser } from '../monitoring/promql';
import { hasEscapeHatch } from '../stacks/customize';
import { objectResults, PreparedApp, prepareApp } from './prepare-app';

export interface ParallelOptions {
  /** Threads rendering at once, the main thread included; 1 renders serially. */
  readonly jobs: number;
  /** The repository root: a worker loads from it the app files (`SourcedApp.source`) whose escape hatches it runs. */
  readonly root: string;
  /** Renderings to do at or below which starting workers costs more than it saves. @default PARALLEL_THRESHOLD */
  readonly threshold?: number;
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

/** Per job, what the main thread and the workers share: the next task to claim and how many apps are done. */
const NEXT = 0;
const DONE = 1;
/** The app (index + 1) a worker was on when it exited, and its exit code: 0 while none did. */
const DIED = 2;
const EXIT_CODE = 3;
/** Then two per worker: the app (index + 1) it is on, 0 between tasks, and its thread's id (0 where not known). */
const SLOTS = 4;
const busyOf = (slot: number) => SLOTS + 2 * slot;
const threadOf = (slot: number) => SLOTS + 2 * slot + 1;

/** For a pool's life, in `control`: bumped when a job is posted or the pool closes, and set when it closes. */
const SIGNAL = 0;
const CLOSED = 1;

/** How long the main thread waits for a task before it looks whether the workers on one still live. */
const LIVENESS_MS = 200;

/** One app's outcome, plain data: what `prepareApp` gave and the problems it recorded, or what it threw. */
type Outcome =
  | { readonly prepared: PreparedApp; readonly problems: readonly Problem[] }
  | { readonly error: { readonly message: string; readonly stack?: string; readonly problems?: readonly Problem[] } };

/** A worker's answer for one task: its outcome as JSON (one string crosses the thread boundary, not an object tree). */
interface TaskMessage {
  readonly index: number;
  readonly json: string;
}

/** What a worker is started with. */
export interface WorkerInput {
  readonly root: string;
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The worker's slot in each job's counters. */
  readonly slot: number;
}

/** One call's work, posted to every worker of the pool. */
export interface Job {
  readonly apps: readonly ResolvedApp[];
  /** The tasks, as `prepareClaimed` takes them. */
  readonly groups: readonly (readonly number[])[];
  /**
   * The app files whose definitions leave the golden path (`customize`, `objects`): a worker loads
   * only these. Every other app renders from its resolved app alone (`renderApp` reads nothing
   * else of its definition), so its file is not required and compiled again in each thread.
   */
  readonly escaping: readonly string[];
  readonly counters: SharedArrayBuffer;
}

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
  pool.post({ apps, groups, escaping, counters });
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
  try {
    prepareClaimed(apps, groups, definitionOf, shared, undefined, (index, outcome) => {
      outcomes[index] = outcome;
      received++;
    });
    while (received < apps.length) {
      const done = Atomics.load(shared, DONE);
      for (const { port1 } of pool.channels) {
        for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) {
          const { index, json } = message.message as TaskMessage;
          outcomes[index] = JSON.parse(json) as Outcome;
          received++;
        }
      }
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

/**
 * Claims tasks (`groups`: runs of indices in `apps`, `tasksOf`) and prepares their apps until none
 * is left; used by the main thread (`slot` undefined) and by each worker, which marks in its slot
 * the app it is on, so its death can be put on that app. A task's apps are checked in one run.
 */
function prepareClaimed(
  apps: readonly ResolvedApp[],
  groups: readonly (readonly number[])[],
  definitionOf: (app: ResolvedApp) => AppDefinition | undefined,
  shared: Int32Array,
  slot: number | undefined,
  report: (index: number, outcome: Outcome) => void,
): void {
  const yaml = new YamlEmitter();
  // One per job (an environment) like the emitter: its dashboards memo would otherwise grow with the fleet.
  const promql = new PromqlParser();
  for (let task = Atomics.add(shared, NEXT, 1); task < groups.length; task = Atomics.add(shared, NEXT, 1)) {
    const indices = groups[task];
    const outcomes = indices.map((index) => {
      if (slot !== undefined) Atomics.store(shared, busyOf(slot), index + 1);
      return prepareOne(apps[index], definitionOf, yaml);
    });
    const rendered = outcomes.flatMap((outcome, i) => ('prepared' in outcome ? [{ i, app: apps[indices[i]], manifests: outcome.prepared.manifests }] : []));
    objectResults(rendered, promql).forEach((results, j) => {
      const { i } = rendered[j];
      const outcome = outcomes[i];
      if (results && 'prepared' in outcome) outcomes[i] = { ...outcome, prepared: { ...outcome.prepared, results } };
    });
    indices.forEach((index, i) => report(index, outcomes[i]));
    if (slot !== undefined) Atomics.store(shared, busyOf(slot), 0);
    Atomics.add(shared, DONE, indices.length);
    Atomics.notify(shared, DONE);
  }
}

function prepareOne(app: ResolvedApp, definitionOf: (app: ResolvedApp) => AppDefinition | undefined, yaml: YamlEmitter): Outcome {
  const problems = new Problems();
  try {
    return { prepared: prepareApp(app, definitionOf(app), problems, yaml), problems: problems.all };
  } catch (error) {
    const problems = error instanceof ValidationError ? error.problems : undefined;
    return { error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined, problems } };
  }
}

/** Apps per task at most: enough to spread a check run's fixed cost, few enough that threads finish together (~25 ms of tail). */
const MAX_TASK = 8;

/**
 * The tasks: runs of whole apps (all of an app's environments, the indices in `apps` of one source
 * file, in the order of their first), up to MAX_TASK renderings each but small enough that every
 * thread gets some eight tasks. A task is one check run: per app, its fixed cost doubled the object
 * checks' CPU.
 */
function tasksOf(apps: readonly ResolvedApp[], threads: number): number[][] {
  const bySource = new Map<string, number[]>();
  apps.forEach((app, index) => {
    const group = bySource.get(app.source);
    if (group) group.push(index);
    else bySource.set(app.source, [index]);
  });
  const size = Math.max(1, Math.min(MAX_TASK, Math.floor(apps.length / (threads * 8))));
  const tasks: number[][] = [];
  let task: number[] = [];
  for (const group of bySource.values()) {
    task.push(...group);
    if (task.length >= size) {
      tasks.push(task);
      task = [];
    }
  }
  if (task.length > 0) tasks.push(task);
  return tasks;
}

/** Whether rendering the app reads its definition (else its resolved app is all `renderApp` reads). */
function definitionNeeded(definition: AppDefinition | undefined): boolean {
  return definition !== undefined && hasEscapeHatch(definition);
}

/**
 * A worker's life: it waits for jobs and prepares its share of each, until the pool closes. It
 * records its thread's id (Linux) in each job and, as it exits, the app it was on, so the main
 * thread stops waiting for that app.
 */
export function serveJobs(input: WorkerInput, definitionOf: (app: ResolvedApp) => AppDefinition | undefined): void {
  const { control, port, slot } = input;
  const signals = new Int32Array(control);
  const thread = linuxThreadId();
  let current: Int32Array | undefined;
  process.on('exit', (code) => {
    const busy = current ? Atomics.load(current, busyOf(slot)) : 0;
    if (!current || busy === 0 || Atomics.compareExchange(current, DIED, 0, busy) !== 0) return;
    Atomics.store(current, EXIT_CODE, code);
    Atomics.notify(current, DONE);
  });
  for (;;) {
    // Read before looking for a job, so a job posted in between wakes the wait below at once.
    const signal = Atomics.load(signals, SIGNAL);
    const message = receiveMessageOnPort(port);
    if (message) {
      const { apps, groups, escaping, counters } = message.message as Job;
      const loaded = new Set(escaping);
      current = new Int32Array(counters);
      Atomics.store(current, threadOf(slot), thread);
      prepareClaimed(
        apps,
        groups,
        (app) => (loaded.has(app.source) ? definitionOf(app) : undefined),
        current,
        slot,
        (index, outcome) => post(port, index, outcome),
      );
      continue;
    }
    if (Atomics.load(signals, CLOSED) === 1) return;
    Atomics.wait(signals, SIGNAL, signal);
  }
}

/** The id of this thread as /proc/self/task lists it; 0 where there is no /proc. */
function linuxThreadId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

/** Posts a worker's outcome as JSON: cheaper to read back than a structured clone of the same objects. */
function post(port: MessagePort, index: number, outcome: Outcome): void {
  port.postMessage({ index, json: JSON.stringify(outcome) } satisfies TaskMessage);
}

/**
 * The worker's code: TypeScript loads through the repository's loader (in the installed package,
 * lib is compiled and the same paths resolve to .js).
 */
const WORKER_SCRIPT = `
require(${JSON.stringify(join(__dirname, '..', 'internal', 'register-ts.js'))});
require(${JSON.stringify(join(__dirname, 'render-worker'))});
`;
