import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PlatformError } from '../internal/errors';

/** Raised when another synth keeps writing the same folder for longer than we wait. */
export class OutputLockedError extends PlatformError {}

export interface LockOptions {
  /** How long to wait for another synth to finish, in milliseconds. @default 120000 */
  readonly waitMs?: number;
  /** Told once when we start waiting, with the holder's pid. @default - silent */
  readonly onWait?: (pid: number, lockFile: string) => void;
}

/** The lock file of an output folder: beside it, so it outlives the swap (`.dist-lock` for dist/). */
export function lockFileOf(outDir: string): string {
  const target = resolve(outDir);
  return join(dirname(target), `.${basename(target)}-lock`);
}

/**
 * Takes the lock of `outDir` (a file holding our pid, created exclusively), waiting while a live
 * process holds it; a lock left by a dead process is taken over. Returns the function that
 * releases it. Two synths of one folder thus run one after the other, never interleaved swaps.
 */
export function lockOutput(outDir: string, options: LockOptions = {}): () => void {
  const file = lockFileOf(outDir);
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  let told = false;
  for (;;) {
    if (tryCreate(file)) return () => rmSync(file, { force: true });
    const holder = readPid(file);
    if (holder === undefined) continue; // released between our two calls: retry
    if (!isAlive(holder)) {
      takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new OutputLockedError(
        'E_SYNTH_LOCKED',
        `${outDir}: another synth (pid ${holder}) is writing this folder (lock file ${file}). Fix: wait for it to finish and run synth again; if no synth is running, delete ${file}`,
      );
    }
    if (!told) options.onWait?.(holder, file);
    told = true;
    sleep(100);
  }
}

// Written beside, then hard-linked into place: the lock appears atomically with its pid in it.
function tryCreate(file: string): boolean {
  const own = `${file}.${process.pid}`;
  writeFileSync(own, `${process.pid}\n`);
  try {
    linkSync(own, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(own, { force: true });
  }
}

/** The holder's pid; undefined when the lock is gone; -1 when it holds no pid (treated as dead). */
function readPid(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : -1;
}

/**
 * Removes the lock of a killed synth. Only the holder of a second, short-lived lock may do so, and
 * only if the lock still names the dead pid: two synths that find the same stale lock cannot
 * remove each other's fresh one. (That second lock is only stale if a synth dies inside this.)
 */
function takeOver(file: string, dead: number): void {
  const guard = `${file}-takeover`;
  if (!tryCreate(guard)) {
    const other = readPid(guard);
    if (other !== undefined && !isAlive(other)) rmSync(guard, { force: true });
    sleep(10);
    return;
  }
  try {
    if (readPid(file) === dead) rmSync(file, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
