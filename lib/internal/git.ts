import { spawnSync } from 'node:child_process';

export interface GitResult {
  readonly ok: boolean;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs git in `cwd`; never throws for a failing git command (the caller decides what it means). */
export function runGit(cwd: string, args: readonly string[], input?: string): GitResult {
  const result = spawnSync('git', [...args], { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) return { ok: false, stdout: Buffer.alloc(0), stderr: result.error.message };
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

/** Trimmed stdout of a git command that succeeded, or undefined. */
export function gitText(cwd: string, args: readonly string[]): string | undefined {
  const result = runGit(cwd, args);
  return result.ok ? result.stdout.toString('utf8').trim() : undefined;
}

/**
 * The contents of every blob under `path` at `commit`, keyed by path relative to `path`:
 * one `git ls-tree` and one `git cat-file --batch`, however many files there are.
 */
export function readGitFolder(cwd: string, commit: string, path: string): Map<string, string> {
  const listing = runGit(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', `${path}/`]);
  if (!listing.ok) throw new Error(`git ls-tree ${commit} ${path}: ${listing.stderr}`);
  const entries = listing.stdout
    .toString('utf8')
    .split('\0')
    .filter((line) => line.length > 0)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, sha] = line.slice(0, tab).split(' ');
      return { type, sha, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob');
  const files = new Map<string, string>();
  if (entries.length === 0) return files;
  const batch = runGit(cwd, ['cat-file', '--batch'], `${entries.map((e) => e.sha).join('\n')}\n`);
  if (!batch.ok) throw new Error(`git cat-file --batch: ${batch.stderr}`);
  let offset = 0;
  for (const entry of entries) {
    const newline = batch.stdout.indexOf(0x0a, offset);
    const [, , size] = batch.stdout.subarray(offset, newline).toString('utf8').split(' ');
    const start = newline + 1;
    const end = start + Number(size);
    files.set(entry.path.slice(path.length + 1), batch.stdout.subarray(start, end).toString('utf8'));
    offset = end + 1; // the newline after each object
  }
  return files;
}
