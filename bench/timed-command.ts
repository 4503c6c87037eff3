import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a command to completion and measures it from outside: wall time always, CPU time and peak
 * RSS when GNU time is installed. Node cannot read the rusage of a process it spawned, and
 * /usr/bin/time reports exactly that (its children's CPU and the largest max RSS among them).
 */

const GNU_TIME = '/usr/bin/time';

export interface CommandUsage {
  readonly wallMs: number;
  /** User + system CPU of the command and its descendants; undefined without GNU time. */
  readonly cpuMs?: number;
  /** Largest peak RSS among the command's processes; undefined without GNU time. */
  readonly maxRssKb?: number;
}

export interface TimedCommandOptions {
  readonly cwd?: string;
  /** File descriptor that receives the command's stdout. @default - discarded */
  readonly stdoutFd?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** Runs `command args`, throwing with its stderr when it fails. */
export function timedCommand(command: string, args: readonly string[], options: TimedCommandOptions = {}): CommandUsage {
  const measured = hasGnuTime();
  const scratch = measured ? mkdtempSync(join(tmpdir(), 'bench-time-')) : undefined;
  const usageFile = scratch && join(scratch, 'usage');
  const [file, argv] = usageFile ? [GNU_TIME, ['-f', '%U %S %M', '-o', usageFile, command, ...args]] : [command, [...args]];
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', options.stdoutFd ?? 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  };
  try {
    const t0 = process.hrtime.bigint();
    const result = spawnSync(file, argv, spawnOptions);
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`'${command} ${args.join(' ')}' exited with ${result.status ?? result.signal}:\n${String(result.stderr ?? '').slice(-4000)}`);
    }
    if (!usageFile) return { wallMs };
    // GNU time may print a "Command exited..." line first; the format line is always last.
    const [user, system, rss] = readFileSync(usageFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { wallMs, cpuMs: (user + system) * 1000, maxRssKb: rss };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
