import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PlatformError, UsageError } from '../internal/errors';
import { projectPaths } from '../pipeline/project';
import { gitText, readGitFolder, runGit } from '../internal/git';
import { parseTree, readTree, RenderedTree } from './rendered-tree';
import { TreeSide } from './review-report';

export interface BaseTreeOptions {
  /** Repository root (where apps/ is); may be a folder inside the Git repository. */
  readonly root: string;
  /** Git ref of the base. @default - the merge-base of HEAD and main (origin/main), else HEAD */
  readonly ref?: string;
  /** Render the base from its sources even when its dist/ is committed. @default false */
  readonly render?: boolean;
}

export interface BaseTree {
  readonly tree: RenderedTree;
  readonly side: TreeSide;
  readonly notes: readonly string[];
}

/** Longest a base synth may take before it is stopped. */
const SYNTH_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The rendered tree of a Git ref: its committed dist/ when there is one (read straight from
 * Git), otherwise its sources rendered by its own `platform synth` in a temporary worktree, which
 * is removed afterwards whatever happens.
 */
export function loadBaseTree(options: BaseTreeOptions): BaseTree {
  const paths = projectPaths(options.root);
  const toplevel = gitText(paths.root, ['rev-parse', '--show-toplevel']);
  if (toplevel === undefined) {
    throw new UsageError(
      'E_DIFF_NO_GIT',
      `${paths.root} is not in a Git repository. Fix: compare two rendered folders instead: platform diff <before-dir> <after-dir>`,
    );
  }
  const prefix = relative(toplevel, paths.root).split('\\').join('/');
  const { commit, label, notes } = resolveBase(paths.root, options.ref);
  const distPath = [prefix, relative(paths.root, paths.outDir)].filter(Boolean).join('/');
  const short = commit.slice(0, 7);
  if (!options.render && runGit(toplevel, ['cat-file', '-e', `${commit}:${distPath}`]).ok) {
    return {
      tree: parseTree(readGitFolder(toplevel, commit, distPath), `${label}:${distPath}`),
      side: { label: `${label} (${short})`, how: `${distPath}/ as committed` },
      notes,
    };
  }
  const why = options.render ? 'rendered in a temporary worktree, as asked (--render-base)' : `rendered in a temporary worktree: no ${distPath}/ committed`;
  return { tree: renderInWorktree(toplevel, prefix, paths.root, commit, label), side: { label: `${label} (${short})`, how: why }, notes };
}

function resolveBase(root: string, ref: string | undefined): { commit: string; label: string; notes: string[] } {
  if (ref !== undefined) {
    const commit = gitText(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    if (commit === undefined)
      throw new UsageError(
        'E_DIFF_REF',
        `--base '${ref}' is not a commit in this repository. Fix: fetch it (git fetch origin ${ref}) or name a branch, tag or commit that exists`,
      );
    return { commit, label: ref, notes: [] };
  }
  for (const branch of ['main', 'origin/main']) {
    if (gitText(root, ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`]) === undefined) continue;
    const commit = gitText(root, ['merge-base', 'HEAD', branch]);
    if (commit !== undefined) return { commit, label: `merge-base with ${branch}`, notes: [] };
  }
  const head = gitText(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head === undefined)
    throw new UsageError(
      'E_DIFF_REF',
      'the repository has no commits to compare with. Fix: commit first, or compare two folders: platform diff <before-dir> <after-dir>',
    );
  return {
    commit: head,
    label: 'HEAD',
    notes: ["no branch 'main' (or 'origin/main') to take a merge-base with: comparing with HEAD; pass --base <ref> to choose"],
  };
}

function renderInWorktree(toplevel: string, prefix: string, root: string, commit: string, label: string): RenderedTree {
  const tmp = mkdtempSync(join(tmpdir(), 'platform-diff-base-'));
  const worktree = join(tmp, 'worktree');
  const out = join(tmp, 'out');
  const baseRoot = join(worktree, prefix);
  const modules = join(baseRoot, 'node_modules');
  let added = false;
  try {
    const add = runGit(toplevel, ['worktree', 'add', '--detach', worktree, commit]);
    if (!add.ok) throw new PlatformError('E_DIFF_BASE_RENDER', `could not check out the base (${label}) in a temporary worktree: ${add.stderr}`);
    added = true;
    const bin = join(baseRoot, 'bin', 'platform');
    if (!existsSync(bin))
      throw new PlatformError(
        'E_DIFF_BASE_RENDER',
        `the base (${label}) has no bin/platform to render it with. Fix: pass a newer --base, or compare two folders`,
      );
    // The worktree has no node_modules of its own: borrow the repository's (removed before the worktree is).
    if (existsSync(join(root, 'node_modules')) && !existsSync(modules)) symlinkSync(join(root, 'node_modules'), modules, 'dir');
    const synth = spawnSync(process.execPath, [bin, '--root', baseRoot, 'synth', '--out', out], {
      encoding: 'utf8',
      timeout: SYNTH_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (synth.status !== 0) {
      const said = `${synth.stderr ?? ''}${synth.error ? synth.error.message : ''}`.trim().split('\n').slice(-12).join('\n');
      throw new PlatformError(
        'E_DIFF_BASE_RENDER',
        `the base (${label}) does not synthesize:\n${said}\nFix: pass --base with a ref that synthesizes, or compare two folders`,
      );
    }
    return readTree(out);
  } finally {
    if (isSymlink(modules)) unlinkSync(modules);
    if (added && !runGit(toplevel, ['worktree', 'remove', '--force', worktree]).ok) {
      rmSync(worktree, { recursive: true, force: true });
      runGit(toplevel, ['worktree', 'prune']);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

function isSymlink(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}
