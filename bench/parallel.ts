import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateFleet } from './fleet';
import { writeFleetRepo } from './fleet-repo';
import { formatProcess } from './incremental-report';
import { ProcessSummary, summarizeProcesses } from './incremental';
import { CommandUsage, timedCommand } from './timed-command';

const PLATFORM = resolve(__dirname, '..', 'bin', 'platform');

export interface ParallelResult {
  readonly apps: number;
  readonly jobs: number;
  /** `platform synth --no-cache --jobs 1`: today's serial path. */
  readonly serial: ProcessSummary;
  /** `platform synth --no-cache --jobs <jobs>`: worker threads. */
  readonly parallel: ProcessSummary;
}

/**
 * (b) `platform synth --no-cache` of a generated fleet repository with `--jobs 1` and `--jobs N`,
 * whole processes from outside, interleaved run by run so both see the same machine load. No
 * cache, so every app is rendered: the speed-up of rendering, start-up and checks included.
 */
export function measureParallel(apps: number, seed: number, runs: number, jobs: number, onRun: (what: string) => void = () => {}): ParallelResult {
  const dir = mkdtempSync(join(tmpdir(), 'bench-parallel-'));
  try {
    const repo = join(dir, 'repo');
    writeFleetRepo(repo, generateFleet({ apps, seed }));
    const synth = (n: number) => timedCommand('node', [PLATFORM, '--root', repo, 'synth', '--no-cache', '--jobs', String(n)]);
    const serial: CommandUsage[] = [];
    const parallel: CommandUsage[] = [];
    for (let i = 0; i < runs; i++) {
      onRun(`--jobs 1 ${i + 1}/${runs}`);
      serial.push(synth(1));
      onRun(`--jobs ${jobs} ${i + 1}/${runs}`);
      parallel.push(synth(jobs));
    }
    return { apps, jobs, serial: summarizeProcesses(serial), parallel: summarizeProcesses(parallel) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 'n/a' : (a / b).toFixed(2));

export function formatParallel(r: ParallelResult, cpus: number): string {
  return [
    `Parallel synth, ${r.apps} apps x 3 environments, 'platform synth --no-cache' as a whole process, median of ${r.serial.runs}:`,
    `  --jobs 1:  ${formatProcess(r.serial)}`,
    `  --jobs ${r.jobs}:  ${formatProcess(r.parallel)}`,
    `  (b) speed-up by wall: ${ratio(r.serial.wallMs, r.parallel.wallMs)}x on ${cpus} CPUs (target >= 1.6x on 2 cores), best run against best run ${ratio(r.serial.minWallMs, r.parallel.minWallMs)}x; CPU spent: ${ratio(r.parallel.cpuMs, r.serial.cpuMs)}x the serial run's`,
  ].join('\n');
}
