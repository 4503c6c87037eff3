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
      // A synth that was killed: its pid is gone. A race with another taker-over costs one retry.
      rmSync(file, { force: true });
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
