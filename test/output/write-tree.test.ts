import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../../lib/internal/errors';
import { recoverSwap, StagedTree, writeTree } from '../../lib/output/write-tree';
import { expectError } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

const outDir = () => tempDir('write-tree-');

describe('writeTree', () => {
  test('writes every file, creating folders', () => {
    const out = join(outDir(), 'dist');
    writeTree(
      out,
      new Map([
        ['prod/shop/web.yaml', 'a'],
        ['dev/shop/web.yaml', 'b'],
      ]),
    );
    expect(readFileSync(join(out, 'prod/shop/web.yaml'), 'utf8')).toBe('a');
    expect(readFileSync(join(out, 'dev/shop/web.yaml'), 'utf8')).toBe('b');
  });

  test('tells where an added file is in the new tree, with the bytes written; nothing for a file not added, nor once the tree is committed', () => {
    const tree = new StagedTree(join(outDir(), 'dist'));
    tree.add('prod/shop/web.yaml', 'name: é\n');
    const { file } = tree.written('prod/shop/web.yaml')!;
    expect(readFileSync(file, 'utf8')).toBe('name: é\n');
    expect(tree.written('prod/shop/other.yaml')).toBeUndefined();
    tree.commit();
    expect(tree.written('prod/shop/web.yaml')).toBeUndefined();
  });

  test('links a file whose bytes are unchanged from the old tree, writes a changed one, and the old tree goes', () => {
    const parent = outDir();
    const out = join(parent, 'dist');
    writeTree(
      out,
      new Map([
        ['prod/shop/same.yaml', 'same'],
        ['prod/shop/web.yaml', 'a'],
      ]),
    );
    const same = statSync(join(out, 'prod/shop/same.yaml')).ino;
    const web = statSync(join(out, 'prod/shop/web.yaml')).ino;
    writeTree(
      out,
      new Map([
        ['prod/shop/same.yaml', 'same'],
        ['prod/shop/web.yaml', 'b'],
      ]),
    );
    expect(statSync(join(out, 'prod/shop/same.yaml')).ino).toBe(same);
    expect(statSync(join(out, 'prod/shop/same.yaml')).nlink).toBe(1);
    expect(statSync(join(out, 'prod/shop/web.yaml')).ino).not.toBe(web);
    expect(readFileSync(join(out, 'prod/shop/web.yaml'), 'utf8')).toBe('b');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('refuses a path written twice, leaving the live file it was linked to as it was', () => {
    const out = join(outDir(), 'dist');
    writeTree(out, new Map([['prod/shop/web.yaml', 'live']]));
    const tree = new StagedTree(out);
    tree.add('prod/shop/web.yaml', 'live');
    expect(() => tree.add('prod/shop/web.yaml', 'other')).toThrow('bug: prod/shop/web.yaml added twice to the new tree');
    tree.discard();
    expect(readFileSync(join(out, 'prod/shop/web.yaml'), 'utf8')).toBe('live');
  });

  test('removes files whose source is gone', () => {
    const out = join(outDir(), 'dist');
    writeTree(
      out,
      new Map([
        ['prod/shop/old.yaml', 'old'],
        ['prod/shop/web.yaml', 'a'],
      ]),
    );
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
    expect(() =>
      writeTree(
        out,
        new Map([
          ['x', 'file'],
          ['x/y.yaml', 'nested'],
        ]),
      ),
    ).toThrow();
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
    expect(readdirSync(out).sort()).toEqual(['.platform-synth', 'a.yaml']);
  });
});

test('replaces a tree whose parent path contains -new- (only the staging folder name is rewritten)', () => {
  const parent = join(tempDir('platform-new-'), 'x-new-y');
  const out = join(parent, 'dist');
  writeTree(out, new Map([['a.yaml', '1']]));
  writeTree(out, new Map([['b.yaml', '2']]));
  expect(readdirSync(out).sort()).toEqual(['.platform-synth', 'b.yaml']);
});

describe('writeTree: ownership and permissions', () => {
  test('writes the synth marker at the top of the tree, so the next synth knows the folder is its own', () => {
    const out = join(outDir(), 'dist');
    writeTree(out, new Map([['a.yaml', '1']]));
    expect(readFileSync(join(out, '.platform-synth'), 'utf8')).toBe(
      "# Written by 'platform synth': this folder is its output and is replaced as a whole on every synth.\n" +
        '# Without this file synth refuses to replace the folder (it only replaces what it wrote).\n',
    );
  });

  test('gives folders 0755 and files 0644 under the usual umask 022, not the 0700 of a private temporary folder', () => {
    const previous = process.umask(0o022);
    try {
      const out = join(outDir(), 'dist');
      writeTree(out, new Map([['prod/a.yaml', '1']]));
      expect((statSync(out).mode & 0o777).toString(8)).toBe('755');
      expect((statSync(join(out, 'prod')).mode & 0o777).toString(8)).toBe('755');
      expect((statSync(join(out, 'prod/a.yaml')).mode & 0o777).toString(8)).toBe('644');
    } finally {
      process.umask(previous);
    }
  });

  test('honours a stricter umask', () => {
    const previous = process.umask(0o077);
    try {
      const out = join(outDir(), 'dist');
      writeTree(out, new Map([['a.yaml', '1']]));
      expect((statSync(out).mode & 0o777).toString(8)).toBe('700');
      expect((statSync(join(out, 'a.yaml')).mode & 0o777).toString(8)).toBe('600');
    } finally {
      process.umask(previous);
    }
  });

  test('refuses, before writing anything, to replace a tree with a read-only folder (its deletion would fail after the swap)', () => {
    const parent = outDir();
    const out = join(parent, 'dist');
    writeTree(out, new Map([['prod/web.yaml', 'good']]));
    chmodSync(join(out, 'prod'), 0o555);
    try {
      const error = expectError<PlatformError>(() => writeTree(out, new Map([['prod/web.yaml', 'new']])));
      expect(error.code).toBe('E_SYNTH_OLD_TREE');
      expect(error.message).toBe(
        `${join(out, 'prod')}: this folder is read-only or not ours, so the old tree could not be deleted after the swap; nothing was written. Fix: make it writable (chmod -R u+w ${out}) or remove the old tree yourself, then synth again`,
      );
      expect(readFileSync(join(out, 'prod/web.yaml'), 'utf8')).toBe('good');
      expect(readdirSync(parent)).toEqual(['dist']);
    } finally {
      chmodSync(join(out, 'prod'), 0o755);
    }
  });
});

describe('recoverSwap: a write stopped part-way', () => {
  function leftovers(parent: string, names: Record<string, string>): void {
    for (const [name, content] of Object.entries(names)) {
      mkdirSync(join(parent, name), { recursive: true });
      writeFileSync(join(parent, name, 'a.yaml'), content);
    }
  }

  test('between the two renames (no target): puts the old tree back and removes the new one', () => {
    const parent = outDir();
    leftovers(parent, { '.dist-old-1-ab': 'old', '.dist-new-1-ab': 'new' });
    expect(recoverSwap(join(parent, 'dist'))).toEqual([
      `restored ${join(parent, 'dist')} from .dist-old-1-ab (a synth was stopped between its two renames)`,
      'removed .dist-new-1-ab (the unfinished tree of a stopped synth)',
    ]);
    expect(readdirSync(parent)).toEqual(['dist']);
    expect(readFileSync(join(parent, 'dist/a.yaml'), 'utf8')).toBe('old');
  });

  test('after the swap (target in place): keeps the new tree and removes the old one', () => {
    const parent = outDir();
    leftovers(parent, { dist: 'new', '.dist-old-1-ab': 'old' });
    expect(recoverSwap(join(parent, 'dist'))).toEqual(['removed .dist-old-1-ab (the tree a stopped synth had replaced)']);
    expect(readdirSync(parent)).toEqual(['dist']);
    expect(readFileSync(join(parent, 'dist/a.yaml'), 'utf8')).toBe('new');
  });

  test('before the swap: removes the staged copy and leaves the target alone', () => {
    const parent = outDir();
    leftovers(parent, { dist: 'old', '.dist-new-1-ab': 'new', '.other-new-1-ab': 'not ours' });
    expect(recoverSwap(join(parent, 'dist'))).toEqual(['removed .dist-new-1-ab (the unfinished tree of a stopped synth)']);
    expect(readdirSync(parent).sort()).toEqual(['.other-new-1-ab', 'dist']);
    expect(readFileSync(join(parent, 'dist/a.yaml'), 'utf8')).toBe('old');
  });

  test('does nothing when nothing was interrupted', () => {
    const parent = outDir();
    leftovers(parent, { dist: 'old' });
    expect(recoverSwap(join(parent, 'dist'))).toEqual([]);
    expect(recoverSwap(join(parent, 'missing', 'dist'))).toEqual([]);
  });
});

describe('StagedTree: linking unchanged files and removing the old tree', () => {
  test('tells which files it linked unchanged: not a changed one, not a new one', () => {
    const out = join(outDir(), 'dist');
    writeTree(
      out,
      new Map([
        ['prod/same.yaml', 'same'],
        ['prod/changed.yaml', 'a'],
      ]),
    );
    const tree = new StagedTree(out);
    expect([tree.add('prod/same.yaml', 'same'), tree.add('prod/changed.yaml', 'b'), tree.add('prod/new.yaml', 'new')]).toEqual([true, false, false]);
    tree.commit();
    expect(['same', 'changed', 'new'].map((f) => readFileSync(join(out, `prod/${f}.yaml`), 'utf8'))).toEqual(['same', 'b', 'new']);
  });

  test('compares UTF-8 bytes, a short file after a long one included', () => {
    const out = join(outDir(), 'dist');
    const long = `# ${'é'.repeat(500)}\n`;
    writeTree(
      out,
      new Map([
        ['a-long.yaml', long],
        ['b-short.yaml', 'é ✓ 😀'],
        ['c-short.yaml', 'é'],
      ]),
    );
    const tree = new StagedTree(out);
    // 'è' has the size of 'é' in UTF-8 (2 bytes) and the long file left 'é' bytes in the buffer it is read into.
    expect([tree.add('a-long.yaml', long), tree.add('b-short.yaml', 'é ✓ 😀'), tree.add('c-short.yaml', 'è')]).toEqual([true, true, false]);
    tree.commit();
    expect(readFileSync(join(out, 'c-short.yaml'), 'utf8')).toBe('è');
    expect(readFileSync(join(out, 'b-short.yaml'))).toEqual(Buffer.from([0xc3, 0xa9, 0x20, 0xe2, 0x9c, 0x93, 0x20, 0xf0, 0x9f, 0x98, 0x80]));
  });

  test('writes a file over an old symbolic link holding the same bytes, and leaves its target alone', () => {
    const parent = outDir();
    const out = join(parent, 'dist');
    writeTree(out, new Map([['a.yaml', 'x']]));
    writeFileSync(join(parent, 'target.yaml'), 'same');
    symlinkSync(join(parent, 'target.yaml'), join(out, 'link.yaml'));
    const tree = new StagedTree(out);
    expect(tree.add('link.yaml', 'same')).toBe(false);
    tree.commit();
    expect(lstatSync(join(out, 'link.yaml')).isFile()).toBe(true);
    expect(statSync(join(out, 'link.yaml')).ino).not.toBe(statSync(join(parent, 'target.yaml')).ino);
    expect(readFileSync(join(parent, 'target.yaml'), 'utf8')).toBe('same');
  });

  test('removes the old tree with its hand-made folders, and a link to a folder elsewhere without what it links to', () => {
    const parent = outDir();
    const out = join(parent, 'dist');
    writeTree(out, new Map([['prod/a.yaml', 'x']]));
    mkdirSync(join(out, 'prod/deep/er'), { recursive: true });
    writeFileSync(join(out, 'prod/deep/er/stray.txt'), 'stray');
    mkdirSync(join(parent, 'elsewhere'));
    writeFileSync(join(parent, 'elsewhere/keep.yaml'), 'keep');
    symlinkSync(join(parent, 'elsewhere'), join(out, 'prod/linked'));
    writeTree(out, new Map([['prod/a.yaml', 'x']]));
    expect(readdirSync(parent).sort()).toEqual(['dist', 'elsewhere']);
    expect(readdirSync(join(out, 'prod'))).toEqual(['a.yaml']);
    expect(readFileSync(join(parent, 'elsewhere/keep.yaml'), 'utf8')).toBe('keep');
  });
});
