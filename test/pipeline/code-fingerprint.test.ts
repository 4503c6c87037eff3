import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintTree } from '../../lib/pipeline/cache/code-fingerprint';
import { tempDir } from '../fixtures/temp-dir';
import { writeFiles } from '../fixtures/temp-repo';

const DIRS = ['lib', 'imports'];
const HOUR_AGO = new Date(Date.now() - 3600 * 1000);

/** A platform tree whose files were last modified an hour ago. */
function tree(): string {
  const root = tempDir();
  writeFiles(root, { 'lib/a.ts': 'export const a = 1;\n', 'lib/sub/b.ts': 'export const b = 2;\n', 'imports/c.ts': 'export const c = 3;\n' });
  for (const file of ['lib/a.ts', 'lib/sub/b.ts', 'imports/c.ts']) utimesSync(join(root, file), HOUR_AGO, HOUR_AGO);
  return root;
}

describe('the code fingerprint', () => {
  test("with a memo, a file's hash is reused while its size, times and inode are those it was read under", () => {
    const root = tree();
    const memo = join(tempDir(), 'code-files.json');
    const plain = fingerprintTree(root, DIRS);
    expect(fingerprintTree(root, DIRS, memo)).toBe(plain);
    const stored = JSON.parse(readFileSync(memo, 'utf8')) as Record<string, unknown[]>;
    expect(Object.keys(stored).sort()).toEqual(['imports/c.ts', 'lib/a.ts', 'lib/sub/b.ts']);
    // A planted hash is taken as it is: the file is not read again.
    stored['lib/a.ts'][4] = '0'.repeat(64);
    writeFileSync(memo, JSON.stringify(stored));
    expect(fingerprintTree(root, DIRS, memo)).not.toBe(plain);
  });

  test('a file changed since (same size, another modification time) is read again: the fingerprint follows its content', () => {
    const root = tree();
    const memo = join(tempDir(), 'code-files.json');
    const before = fingerprintTree(root, DIRS, memo);
    writeFileSync(join(root, 'lib/sub/b.ts'), 'export const b = 9;\n');
    utimesSync(join(root, 'lib/sub/b.ts'), new Date(HOUR_AGO.getTime() + 1000), new Date(HOUR_AGO.getTime() + 1000));
    const after = fingerprintTree(root, DIRS, memo);
    expect(after).not.toBe(before);
    expect(after).toBe(fingerprintTree(root, DIRS));
  });

  test('a file modified in the last two seconds is not memoised (it may change again within the same timestamp)', () => {
    const root = tree();
    const memo = join(tempDir(), 'code-files.json');
    writeFileSync(join(root, 'lib/a.ts'), 'export const a = 5;\n');
    fingerprintTree(root, DIRS, memo);
    expect(Object.keys(JSON.parse(readFileSync(memo, 'utf8')) as object).sort()).toEqual(['imports/c.ts', 'lib/sub/b.ts']);
  });
});
