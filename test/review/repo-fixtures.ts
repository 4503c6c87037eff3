import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';

export const REPO = resolve(__dirname, '../..');

/** Runs git in `dir` as a test user; returns its trimmed output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

/**
 * A Git repository holding a copy of this repository's sample fleet (apps/, copied, so a test may
 * change it) with lib/, bin/ and imports/ linked to this checkout (one copy of the library in
 * memory, whichever side renders) and node_modules linked but ignored, committed on `branch`.
 */
export function sampleRepo(options: { branch?: string; subfolder?: string } = {}): { top: string; root: string } {
  const top = tempDir('platform-sample-');
  const root = options.subfolder ? join(top, options.subfolder) : top;
  mkdirSync(root, { recursive: true });
  for (const entry of ['apps', 'package.json', 'tsconfig.json', 'cdk8s.yaml']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  for (const entry of ['lib', 'bin', 'imports', 'node_modules']) if (existsSync(join(REPO, entry))) symlinkSync(join(REPO, entry), join(root, entry));
  writeFileSync(join(top, '.gitignore'), 'node_modules\ncdk8s.out/\n');
  git(top, 'init', '-q', '-b', options.branch ?? 'main');
  git(top, 'add', '-A');
  git(top, 'commit', '-q', '-m', 'base');
  return { top, root };
}

/** Worktrees Git knows of in `dir`'s repository (the main one included). */
export function worktrees(dir: string): string[] {
  return git(dir, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '));
}
