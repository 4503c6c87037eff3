import { readlinkSync } from 'node:fs';
import { MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { Problem, Problems, ValidationError } from '../internal/errors';
import { ResolvedApp } from '../model/resolved-app';
import { AppDefinition } from '../model/app-definition';
import { YamlEmitter } from '../output/emit-yaml';
import { PromqlParser } from '../monitoring/promql';
import { perRun } from '../internal/per-run';
import { objectResults, PreparedApp, prepareApp } from './prepare-app';

// What the main thread and the worker threads of `startInWorkers` (render-in-workers.ts) share: the
// tasks, how they are claimed through shared memory, and a worker's loop.

/** Per job, what the main thread and the workers share: the next task to claim and how many apps are done. */
const NEXT = 0;
export const DONE = 1;
/** The app (index + 1) a worker was on when it exited, and its exit code: 0 while none did. */
export const DIED = 2;
export const EXIT_CODE = 3;
/** The length of the results posted and not yet read by the main thread, in UTF-16 units of their JSON (`UNREAD_LIMIT`). */
export const UNREAD = 4;
/** Then two per worker: the app (index + 1) it is on, 0 between tasks, and its thread's id (0 where not known). */
export const SLOTS = 5;

/**
 * How much of the workers' results may wait unread before they stop claiming tasks: the main
 * thread reads them only between its own tasks and while it waits, and meanwhile checks, lays out
 * and writes the environment before. Unbounded, the next environment's results all waited there
 * as JSON (--jobs 2 filling the cache at 10,000 apps: 2,127 -> 2,018 MiB with the bound).
 */
export const UNREAD_LIMIT = 64 * 1024 * 1024;

/** How long a worker waits at a time for the main thread to read its results, before it looks whether the pool closed. */
const ROOM_WAIT_MS = 100;
export const busyOf = (slot: number) => SLOTS + 2 * slot;
export const threadOf = (slot: number) => SLOTS + 2 * slot + 1;

/** For a pool's life, in `control`: bumped when a job is posted or the pool closes, and set when it closes. */
export const SIGNAL = 0;
export const CLOSED = 1;

/** One app's outcome, plain data: what `prepareApp` gave and the problems it recorded, or what it threw. */
export type Outcome =
  | { readonly prepared: PreparedApp; readonly problems: readonly Problem[] }
  | { readonly error: { readonly message: string; readonly stack?: string; readonly problems?: readonly Problem[] } };

/** A worker's answer for one task: its outcome as JSON (one string crosses the thread boundary, not an object tree). */
export interface TaskMessage {
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
  /** How much of the results may wait unread before a worker stops claiming tasks (`UNREAD_LIMIT`). */
  readonly unreadLimit: number;
}

/**
 * Claims tasks (`groups`: runs of indices in `apps`, `tasksOf`) and prepares their apps until none
 * is left; used by the main thread (`slot` undefined) and by each worker, which marks in its slot
 * the app it is on, so its death can be put on that app. A task's apps are checked in one run.
 * `beforeTask` runs before each claim: the main thread reads the workers' results there, a worker
 * waits there for room (`waitForRoom`).
 */
export function prepareClaimed(
  apps: readonly ResolvedApp[],
  groups: readonly (readonly number[])[],
  definitionOf: (app: ResolvedApp) => AppDefinition | undefined,
  shared: Int32Array,
  slot: number | undefined,
  report: (index: number, outcome: Outcome) => void,
  beforeTask: () => void = () => {},
): void {
  // An emitter and a parser per team, as layout has: one per job (an environment) remembered every app's dashboards
  // (--jobs 2 filling the cache at 10,000 apps: 2,018 -> 1,664 MiB with them per team).
  const memosOf = perRun(() => ({ yaml: new YamlEmitter(), promql: new PromqlParser() }));
  for (;;) {
    beforeTask();
    const task = Atomics.add(shared, NEXT, 1);
    if (task >= groups.length) return;
    const indices = groups[task];
    const { yaml, promql } = memosOf(apps[indices[0]].team);
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
export function tasksOf(apps: readonly ResolvedApp[], threads: number): number[][] {
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
      const { apps, groups, escaping, counters, unreadLimit } = message.message as Job;
      const loaded = new Set(escaping);
      current = new Int32Array(counters);
      Atomics.store(current, threadOf(slot), thread);
      prepareClaimed(
        apps,
        groups,
        (app) => (loaded.has(app.source) ? definitionOf(app) : undefined),
        current,
        slot,
        (index, outcome) => post(port, current!, index, outcome),
        () => waitForRoom(current!, unreadLimit, signals),
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
function post(port: MessagePort, shared: Int32Array, index: number, outcome: Outcome): void {
  const json = JSON.stringify(outcome);
  Atomics.add(shared, UNREAD, json.length);
  port.postMessage({ index, json } satisfies TaskMessage);
}

/** Counts a result read by the main thread, waking a worker that waits for room. */
export function markRead(shared: Int32Array, message: TaskMessage): void {
  Atomics.sub(shared, UNREAD, message.json.length);
  Atomics.notify(shared, UNREAD);
}

/** Waits while more than `limit` of results wait unread, unless the pool closed (then the job's results are not read). */
function waitForRoom(shared: Int32Array, limit: number, signals: Int32Array): void {
  for (let unread = Atomics.load(shared, UNREAD); unread > limit; unread = Atomics.load(shared, UNREAD)) {
    if (Atomics.load(signals, CLOSED) === 1) return;
    Atomics.wait(shared, UNREAD, unread, ROOM_WAIT_MS);
  }
}
