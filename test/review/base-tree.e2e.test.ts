import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { PlatformError } from '../../lib/internal/errors';
import { loadBaseTree } from '../../lib/review/base-tree';
import { find } from './tree-fixtures';
import { expectError, Untyped } from '../helpers';
import { git, sampleRepo, worktrees } from './repo-fixtures';

jest.setTimeout(120_000);

const image = (tree: ReturnType<typeof loadBaseTree>['tree'], env = 'prod') =>
  (find(tree, env, 'Deployment shop/storefront') as Untyped).spec.template.spec.containers[0].image;

function bumpStorefront(root: string, tag: string): void {
  const file = join(root, 'apps/releases.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(storefront:\n(?:.*\n)*?\s+prod: )\S+/, `$1${tag}`));
}

describe('loadBaseTree', () => {
  test("reads the base's committed dist/ from Git, defaulting to the merge-base with main", () => {
    const { top, root } = sampleRepo();
    expect(main(['--root', root, 'synth'], bufferIo())).toBe(0);
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'dist');
    const commit = git(top, 'rev-parse', 'HEAD');
    git(top, 'checkout', '-q', '-b', 'feature');
    bumpStorefront(root, '9.9.9');
    git(top, 'commit', '-q', '-am', 'bump');

    const base = loadBaseTree({ root });
    expect(base.side).toEqual({ label: `merge-base with main (${commit.slice(0, 7)})`, how: 'dist/ as committed' });
    expect(base.notes).toEqual([]);
    expect(image(base.tree)).toBe('ghcr.io/acme/storefront:2.14.1');
    expect(base.tree.objects.some((o) => o.environment === 'staging' && o.id === 'CronJob shop/sales-report')).toBe(true);
  });

  test('renders a base without a committed dist/ in a temporary worktree, and removes the worktree', () => {
    const { top, root } = sampleRepo();
    bumpStorefront(root, '9.9.9');
    const base = loadBaseTree({ root, ref: 'HEAD' });
    expect(base.side.how).toBe('rendered in a temporary worktree: no dist/ committed');
    expect(image(base.tree)).toBe('ghcr.io/acme/storefront:2.14.1');
    expect(worktrees(top)).toHaveLength(1);
  });

  test('finds the project in a folder of the repository', () => {
    const { top, root } = sampleRepo({ subfolder: 'platform' });
    expect(main(['--root', root, 'synth'], bufferIo())).toBe(0);
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'dist');
    expect(loadBaseTree({ root, ref: 'HEAD' }).side.how).toBe('platform/dist/ as committed');
    const rendered = loadBaseTree({ root, ref: 'HEAD', render: true });
    expect(rendered.side.how).toBe('rendered in a temporary worktree, as asked (--render-base)');
    expect(image(rendered.tree)).toBe('ghcr.io/acme/storefront:2.14.1');
    expect(worktrees(top)).toHaveLength(1);
  });

  test('compares with HEAD, and says so, when there is no main branch', () => {
    const { root } = sampleRepo({ branch: 'trunk' });
    const base = loadBaseTree({ root });
    expect(base.side.label).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
    expect(base.notes).toEqual(["no branch 'main' (or 'origin/main') to take a merge-base with: comparing with HEAD; pass --base <ref> to choose"]);
  });

  test('fails with a fix on a ref that does not exist, or outside Git', () => {
    const { root } = sampleRepo();
    const error = expectError<PlatformError>(() => loadBaseTree({ root, ref: 'no-such-branch' }));
    expect([error.code, error.message]).toEqual([
      'E_DIFF_REF',
      "--base 'no-such-branch' is not a commit in this repository. Fix: fetch it (git fetch origin no-such-branch) or name a branch, tag or commit that exists",
    ]);
    expect(expectError<PlatformError>(() => loadBaseTree({ root: '/' })).code).toBe('E_DIFF_NO_GIT');
  });

  test('fails when the base does not synthesize, and still removes the worktree', () => {
    const { top, root } = sampleRepo();
    writeFileSync(join(root, 'apps/shop/broken.ts'), readFileSync(join(root, 'apps/shop/storefront.ts'), 'utf8'));
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'broken');
    const error = expectError<PlatformError>(() => loadBaseTree({ root, ref: 'HEAD' }));
    expect(error.code).toBe('E_DIFF_BASE_RENDER');
    expect(error.message).toContain('the base (HEAD) does not synthesize:');
    expect(error.message).toContain('E_DUPLICATE_APP');
    expect(worktrees(top)).toHaveLength(1);
  });
});
