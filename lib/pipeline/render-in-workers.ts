import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Problem, Problems, ValidationError } from '../internal/errors';
import { ResolvedApp } from '../model/resolved-app';
import { AppRendering, renderForFleet } from './render-app';
import { AppDefinition } from '../model/app-definition';

export interface ParallelOptions {
  /** Threads rendering at once, the main thread included; 1 renders serially. */
  readonly jobs: number;
  /** The repository root: each worker loads the app files (`SourcedApp.source`) from it. */
  readonly root: string;
  /** Renderings to do at or below which starting workers costs more than it saves. @default PARALLEL_THRESHOLD */
  readonly threshold?: number;
  /** Told how many threads render when workers start (for the summary line). @default - not told */
  readonly onStart?: (threads: number) => void;
}

/**
 * A worker loads cdk8s, cdk8s-plus-28 and its share of the app files (~0.3 s CPU) before its first
 * rendering, which takes ~3 ms; below this many renderings the serial path is as fast.
 */
export const PARALLEL_THRESHOLD = 50;

/** `--jobs` when not given: the machine's cores, capped where more threads gained nothing measurable. */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), 8);
}

export function useWorkers(renderings: number, parallel: ParallelOptions | undefined): boolean {
  return parallel !== undefined && parallel.jobs > 1 && renderings > 0 && renderings > (parallel.threshold ?? PARALLEL_THRESHOLD);
}

/** What the main thread and the workers share: the next task to claim and how many are done. */
const NEXT = 0;
const DONE = 1;

/** A worker's answer for one task, plain data. */
export type TaskResult =
  | { readonly index: number; readonly rendering: AppRendering; readonly problems: readonly Problem[] }
  | { readonly index: number; readonly error: { readonly message: string; readonly stack?: string; readonly problems?: readonly Problem[] } };

export interface WorkerInput {
  readonly apps: readonly ResolvedApp[];
  readonly root: string;
  readonly counters: SharedArrayBuffer;
  readonly port: MessagePort;
}

/**
 * Renders the apps on `jobs - 1` worker threads and this one, each claiming the next app from a
 * shared counter, so a slow app does not hold up a fixed share. Synchronous like the serial path
 * (the pipeline stays synchronous): this thread blocks in Atomics.wait and reads the workers'
 * results with receiveMessageOnPort. Definitions hold functions (customize, objects), which cannot
 * cross threads: workers get the resolved apps (plain data) and require the definitions by source
 * path themselves. Results and problems come back in the apps' order, as the serial path gives them.
 */
export function renderInWorkers(
  apps: readonly ResolvedApp[],
  definitionOf: (app: ResolvedApp) => AppDefinition | undefined,
  parallel: ParallelOptions,
  problems: Problems,
): AppRendering[] {
  const counters = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const shared = new Int32Array(counters);
  const workers = Math.min(parallel.jobs, apps.length) - 1;
  const channels = Array.from({ length: workers }, () => new MessageChannel());
  const threads = channels.map(
    ({ port2 }) =>
      new Worker(WORKER_SCRIPT, {
        eval: true,
        workerData: { apps, root: parallel.root, counters, port: port2 } satisfies WorkerInput,
        transferList: [port2],
      }),
  );
  // A worker that fails to start claims nothing and leaves its share to the others; without a
  // listener its 'error' event would end the process once this thread is idle again.
  for (const thread of threads) thread.on('error', () => {});
  parallel.onStart?.(workers + 1);
  const results: TaskResult[] = [];
  let received = 0;
  const receive = (result: TaskResult) => {
    results[result.index] = result;
    received++;
  };
  try {
    renderClaimed(apps, definitionOf, shared, receive);
    while (received < apps.length) {
      const done = Atomics.load(shared, DONE);
      for (const { port1 } of channels) {
        for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) receive(message.message as TaskResult);
      }
      // A worker counts a task done after posting its result: woken, the next drain finds it.
      if (received < apps.length) Atomics.wait(shared, DONE, done);
    }
  } finally {
    for (const thread of threads) void thread.terminate();
    for (const { port1 } of channels) port1.close();
  }
  return results.map((result) => {
    if ('error' in result) {
      if (result.error.problems) throw new ValidationError([...result.error.problems]);
      throw Object.assign(new Error(result.error.message), { stack: result.error.stack });
    }
    for (const problem of result.problems) problems.add(problem);
    return result.rendering;
  });
}

/** Claims and renders apps until none is left; used by the main thread and by each worker. */
export function renderClaimed(
  apps: readonly ResolvedApp[],
  definitionOf: (app: ResolvedApp) => AppDefinition | undefined,
  shared: Int32Array,
  report: (result: TaskResult) => void,
): void {
  for (let index = Atomics.add(shared, NEXT, 1); index < apps.length; index = Atomics.add(shared, NEXT, 1)) {
    const app = apps[index];
    const problems = new Problems();
    let result: TaskResult;
    try {
      result = { index, rendering: renderForFleet(app, definitionOf(app), problems), problems: problems.all };
    } catch (error) {
      const problems = error instanceof ValidationError ? error.problems : undefined;
      result = {
        index,
        error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined, problems },
      };
    }
    report(result);
    Atomics.add(shared, DONE, 1);
    Atomics.notify(shared, DONE);
  }
}

/**
 * The worker's code: TypeScript loads through the repository's loader (in the installed package,
 * lib is compiled and the same paths resolve to .js).
 */
const WORKER_SCRIPT = `
require(${JSON.stringify(join(__dirname, '..', 'internal', 'register-ts.js'))});
require(${JSON.stringify(join(__dirname, 'render-worker'))});
`;
