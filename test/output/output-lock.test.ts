import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimOutput } from '../../lib/output/claim-output';
import { lockFileOf, lockOutput, OutputLockedError } from '../../lib/output/output-lock';
import { expectError } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

// Far above Linux's largest pid (4194304): no process has it, as for a killed synth.
const DEAD_PID = 99_999_999;

describe('the output lock', () => {
  test('is a file beside the folder holding our pid, removed on release', () => {
    const parent = tempDir('lock-');
    const release = lockOutput(join(parent, 'dist'));
    expect(readFileSync(join(parent, '.dist-lock'), 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(readdirSync(parent)).toEqual([]);
  });

  test('waits for a live holder, then refuses with its pid, the lock file and the fix', () => {
    const parent = tempDir('lock-');
    const file = lockFileOf(join(parent, 'dist'));
    // The test runner's parent process is alive and is not us.
    writeFileSync(file, `${process.ppid}\n`);
    const waited: number[] = [];
    const started = Date.now();
    const error = expectError<OutputLockedError>(() => lockOutput(join(parent, 'dist'), { waitMs: 300, onWait: (pid) => waited.push(pid) }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(waited).toEqual([process.ppid]);
    expect(error.code).toBe('E_SYNTH_LOCKED');
    expect(error.message).toBe(
      `${join(parent, 'dist')}: another synth (pid ${process.ppid}) is writing this folder (lock file ${file}). Fix: wait for it to finish and run synth again; if no synth is running, delete ${file}`,
    );
    expect(readFileSync(file, 'utf8')).toBe(`${process.ppid}\n`);
  });

  test('takes over the lock of a dead process, and one that holds no pid', () => {
    for (const stale of [`${DEAD_PID}\n`, 'garbage']) {
      const parent = tempDir('lock-');
      writeFileSync(join(parent, '.dist-lock'), stale);
      const release = lockOutput(join(parent, 'dist'), { waitMs: 0 });
      expect(readFileSync(join(parent, '.dist-lock'), 'utf8')).toBe(`${process.pid}\n`);
      release();
    }
  });
});

test('takes over even when a synth died while taking over a stale lock (both locks name dead pids)', () => {
  const parent = tempDir('lock-');
  writeFileSync(join(parent, '.dist-lock'), `${DEAD_PID}\n`);
  writeFileSync(join(parent, '.dist-lock-takeover'), `${DEAD_PID - 1}\n`);
  const release = lockOutput(join(parent, 'dist'), { waitMs: 0 });
  expect(readdirSync(parent)).toEqual(['.dist-lock']);
  expect(readFileSync(join(parent, '.dist-lock'), 'utf8')).toBe(`${process.pid}\n`);
  release();
});

describe('claimOutput', () => {
  test('releases the lock when it refuses the folder, leaving nothing behind', () => {
    const parent = tempDir('claim-');
    writeFileSync(join(parent, 'notes.txt'), 'mine');
    expect(() => claimOutput(parent, '/nowhere')).toThrow(/synth did not write this folder/);
    expect(existsSync(lockFileOf(parent))).toBe(false);
  });

  test('refuses a forbidden path before taking the lock', () => {
    const root = tempDir('claim-');
    expect(() => claimOutput(join(root, 'apps'), root)).toThrow(/is apps\/ or inside it/);
    expect(readdirSync(root)).toEqual([]);
  });
});
