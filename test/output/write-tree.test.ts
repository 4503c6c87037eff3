import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTree } from '../../lib/output/write-tree';
import { tempDir } from '../fixtures/temp-dir';

const outDir = () => tempDir('write-tree-');

describe('writeTree', () => {
  test('writes every file, creating folders', () => {
    const out = join(outDir(), 'dist');
    writeTree(out, new Map([['prod/shop/web.yaml', 'a'], ['dev/shop/web.yaml', 'b']]));
    expect(readFileSync(join(out, 'prod/shop/web.yaml'), 'utf8')).toBe('a');
    expect(readFileSync(join(out, 'dev/shop/web.yaml'), 'utf8')).toBe('b');
  });

  test('removes files whose source is gone', () => {
    const out = join(outDir(), 'dist');
    writeTree(out, new Map([['prod/shop/old.yaml', 'old'], ['prod/shop/web.yaml', 'a']]));
    writeTree(out, new Map([['prod/shop/web.yaml', 'a2']]));
    expect(existsSync(join(out, 'prod/shop/old.yaml'))).toBe(false);
    expect(readFileSync(join(out, 'prod/shop/web.yaml'), 'utf8')).toBe('a2');
  });

  test('leaves no staging or retired folders beside the output', () => {
    const parent = outDir();
    const out = join(parent, 'dist');
    writeTree(out, new Map([['a.yaml', '1']]));
    writeTree(out, new Map([['b.yaml', '2']]));
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('leaves the old tree untouched when writing the new one fails', () => {
    const parent = outDir();
    const out = join(parent, 'dist');
    writeTree(out, new Map([['prod/web.yaml', 'good']]));
    // 'x' as a file and as a folder cannot both exist: the second write fails part-way.
    expect(() => writeTree(out, new Map([['x', 'file'], ['x/y.yaml', 'nested']]))).toThrow();
    expect(readFileSync(join(out, 'prod/web.yaml'), 'utf8')).toBe('good');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('refuses paths that escape the output folder', () => {
    const out = join(outDir(), 'dist');
    expect(() => writeTree(out, new Map([['../evil.yaml', 'x']]))).toThrow(/not a clean relative path/);
    expect(existsSync(out)).toBe(false);
  });

  test('replaces a tree that has unrelated hand-made files', () => {
    const out = join(outDir(), 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'stray.yaml'), 'x');
    writeTree(out, new Map([['a.yaml', '1']]));
    expect(readdirSync(out)).toEqual(['a.yaml']);
  });
});

test('replaces a tree whose parent path contains -new- (only the staging folder name is rewritten)', () => {
  const parent = join(tempDir('platform-new-'), 'x-new-y');
  const out = join(parent, 'dist');
  writeTree(out, new Map([['a.yaml', '1']]));
  writeTree(out, new Map([['b.yaml', '2']]));
  expect(readdirSync(out)).toEqual(['b.yaml']);
});
