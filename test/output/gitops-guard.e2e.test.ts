import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GuardError, guardObjectDrops, TreeObjectIds } from '../../lib/output/gitops-guard';
import { StagedTree, writeTree } from '../../lib/output/write-tree';
import { expectError } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

// The guard's fallback to Git (spawns git): with dist/ missing or empty, it compares with what Git has committed there.

const object = (kind: string, name: string) => `---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
const files = (apps: string[]) => new Map(apps.map((a) => [`prod/shop/${a}.yaml`, object('Deployment', a) + object('Service', a)]));

function git(root: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** A repository whose dist/ holds apps a to d, committed. */
function committedRepo(): string {
  const root = tempDir('guard-git-');
  writeTree(join(root, 'dist'), files(['a', 'b', 'c', 'd']));
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'dist');
  return root;
}

function guardStaged(out: string, next: ReadonlyMap<string, string>): void {
  const tree = new StagedTree(out);
  const ids = new TreeObjectIds();
  try {
    for (const [path, text] of next) ids.add(path, text, tree.add(path, text));
    guardObjectDrops(out, ids, [{ name: 'prod', apps: next.size }], { maxDropShare: 0.25, allowDrop: false });
  } finally {
    tree.discard();
  }
}

const REFUSAL =
  'refusing to write: Argo CD would prune these from the clusters (compared with dist/ as committed at HEAD, as the folder is missing or empty).\n' +
  "  - environment 'prod' would lose 4 of its 8 objects (50% > 25%): Deployment shop/c, Deployment shop/d, Service shop/c, Service shop/d\n" +
  'Fix: if this is intended, run synth again with --allow-drop; otherwise restore the missing app definitions';

describe('the GitOps guard with dist/ missing or empty', () => {
  test('missing: compares with the committed dist/', () => {
    const root = committedRepo();
    rmSync(join(root, 'dist'), { recursive: true });
    expect(expectError<GuardError>(() => guardStaged(join(root, 'dist'), files(['a', 'b']))).message).toBe(REFUSAL);
  });

  test('empty: compares with the committed dist/', () => {
    const root = committedRepo();
    rmSync(join(root, 'dist'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    expect(expectError<GuardError>(() => guardStaged(join(root, 'dist'), files(['a', 'b']))).message).toBe(REFUSAL);
  });

  test('present: compares with the folder, not with Git (no "compared with" note)', () => {
    const root = committedRepo();
    writeTree(join(root, 'dist'), files(['a', 'b', 'c']));
    expect(
      expectError<GuardError>(() => guardStaged(join(root, 'dist'), files(['a'])))
        .message.split('\n')
        .slice(0, 2),
    ).toEqual([
      'refusing to write: Argo CD would prune these from the clusters.',
      "  - environment 'prod' would lose 4 of its 6 objects (67% > 25%): Deployment shop/b, Deployment shop/c, Service shop/b, Service shop/c",
    ]);
  });
});
