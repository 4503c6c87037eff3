import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceClosures } from '../../lib/pipeline/cache/source-closure';
import { tempDir } from '../fixtures/temp-dir';
import { LIB, writeFiles } from '../fixtures/temp-repo';

/** A repository whose app imports a helper (which imports another), the platform and a package. */
function repo(files: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, {
    'apps/shop/web.ts': `import { goldenPath } from '${LIB}';\nimport { limit } from './helpers/limits';\nimport left from 'left-pad/sub';\nexport default limit;\n`,
    'apps/shop/helpers/limits.ts': "export { base as limit } from '../../shared/base';\n",
    'apps/shared/base.ts': 'export const base = 5;\n',
    'apps/shop/other.ts': 'export default 1;\n',
    'node_modules/left-pad/package.json': '{ "version": "1.3.0" }',
    ...files,
  });
  return root;
}

describe('SourceClosures', () => {
  test('follows local imports transitively and names packages by version', () => {
    const root = repo();
    const key = new SourceClosures(root, Date.now() + 5000).of('apps/shop/web.ts');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // The same files give the same key in another run; an unrelated file does not count.
    writeFiles(root, { 'apps/shop/other.ts': 'export default 2;\n' });
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/web.ts')).toBe(key);
    // Two levels down, a helper's helper.
    writeFiles(root, { 'apps/shared/base.ts': 'export const base = 6;\n' });
    const edited = new SourceClosures(root, Date.now() + 5000).of('apps/shop/web.ts');
    expect(edited).not.toBe(key);
    writeFiles(root, { 'node_modules/left-pad/package.json': '{ "version": "1.3.1" }' });
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/web.ts')).not.toBe(edited);
  });

  test("the same content in another copy of the repository keys alike; the platform's own code is left to the code fingerprint", () => {
    expect(new SourceClosures(repo(), Date.now() + 5000).of('apps/shop/web.ts')).toBe(new SourceClosures(repo(), Date.now() + 5000).of('apps/shop/web.ts'));
  });

  test('is undefined when a file of the closure was modified after the app files began to load: the code run may not be the code read', () => {
    const root = repo();
    const since = Date.now();
    expect(new SourceClosures(root, since + 5000).of('apps/shop/web.ts')).toMatch(/^[0-9a-f]{64}$/);
    expect(new SourceClosures(root, since - 60_000).of('apps/shop/web.ts')).toBeUndefined();
  });

  test('is undefined when a relative import names no file, or the file is gone', () => {
    const root = repo({ 'apps/shop/helpers/limits.ts': "export { limit } from './missing';\n" });
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/web.ts')).toBeUndefined();
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/gone.ts')).toBeUndefined();
    mkdirSync(join(root, 'apps/shop/dir.ts'));
    writeFileSync(join(root, 'apps/shop/x.ts'), "import './dir';\n");
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/x.ts')).toBeUndefined();
  });

  test('is undefined when a file requires or imports a module by a computed name, which no reading of the text can follow', () => {
    const root = repo({
      'apps/shop/dynamic.ts': "const name = './helpers/limits';\nexport default require(name);\n",
      'apps/shop/lazy.ts': 'export const later = (n: string) => import(`./${n}`);\n',
      'apps/shop/literal.ts': "export default require( './helpers/limits' );\n",
    });
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/dynamic.ts')).toBeUndefined();
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/lazy.ts')).toBeUndefined();
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/literal.ts')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('says why a closure cannot be read, naming the file, for a synth to tell the team', () => {
    const root = repo({
      'apps/shop/dynamic.ts': "import './helpers/limits';\nexport default require(['./x'].join(''));\n",
      'apps/shop/broken.ts': "export { limit } from './helpers/missing';\n",
    });
    const closures = new SourceClosures(root, Date.now() + 5000);
    expect(closures.why('apps/shop/dynamic.ts')).toBe('apps/shop/dynamic.ts requires or imports a module by a computed name');
    expect(closures.why('apps/shop/broken.ts')).toBe("apps/shop/broken.ts imports './helpers/missing', which names no file");
    expect(closures.why('apps/shop/web.ts')).toBeUndefined();
    // What no later run reads either: a folder where a file should be.
    mkdirSync(join(root, 'apps/shop/folder.ts'));
    expect(closures.why('apps/shop/folder.ts')).toBe('apps/shop/folder.ts cannot be read (EISDIR)');
    // What passes by itself is not a reason to give: a file edited just before the run, or gone since it loaded.
    const fresh = new SourceClosures(root, Date.now() - 60_000);
    expect(fresh.of('apps/shop/web.ts')).toBeUndefined();
    expect(fresh.why('apps/shop/web.ts')).toBeUndefined();
    expect(closures.of('apps/shop/gone.ts')).toBeUndefined();
    expect(closures.why('apps/shop/gone.ts')).toBeUndefined();
  });

  test('a package linked into node_modules (a workspace, npm link) is followed as source: an edit changes the key, though its version does not', () => {
    const root = repo({ 'apps/shop/linked.ts': "import { ANNO } from '@acme/hatch';\nexport default ANNO;\n" });
    const hatch = tempDir();
    writeFiles(hatch, { 'package.json': '{ "name": "@acme/hatch", "version": "1.0.0", "main": "index.js" }', 'index.js': "exports.ANNO = 'one';\n" });
    mkdirSync(join(root, 'node_modules/@acme'), { recursive: true });
    symlinkSync(hatch, join(root, 'node_modules/@acme/hatch'));
    const key = new SourceClosures(root, Date.now() + 5000).of('apps/shop/linked.ts');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    writeFiles(hatch, { 'index.js': "exports.ANNO = 'two';\n" });
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/linked.ts')).not.toBe(key);
  });

  test("a package is keyed with the versions of the packages it depends on: an update of a dependency's dependency changes the key", () => {
    const root = repo({
      'apps/shop/wrapped.ts': "import wrap from 'wrap';\nexport default wrap;\n",
      'node_modules/wrap/package.json': '{ "version": "1.0.0", "dependencies": { "inner": "^1.0.0" } }',
      'node_modules/inner/package.json': '{ "version": "1.0.0" }',
    });
    const key = new SourceClosures(root, Date.now() + 5000).of('apps/shop/wrapped.ts');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    writeFiles(root, { 'node_modules/inner/package.json': '{ "version": "1.0.1" }' });
    expect(new SourceClosures(root, Date.now() + 5000).of('apps/shop/wrapped.ts')).not.toBe(key);
  });

  describe('resolves a specifier to the file Node loads', () => {
    const key = (root: string) => new SourceClosures(root, Date.now() + 5000).of('apps/shop/mesh-app.ts');
    /** Whether writing `edit` changes the key, i.e. whether the closure holds the files edited. */
    const follows = (root: string, edit: Record<string, string>): boolean => {
      const before = key(root);
      expect(before).toMatch(/^[0-9a-f]{64}$/);
      writeFiles(root, edit);
      return key(root) !== before;
    };
    const app = (specifier: string) => ({ 'apps/shop/mesh-app.ts': `import { mesh } from '${specifier}';\nexport default mesh;\n` });

    test('a .js beside a .ts of the same name: Node tries .js, .json and .node before the .ts the loader adds', () => {
      const root = repo({ ...app('./mesh'), 'apps/shop/mesh.ts': 'export const mesh = 1;\n', 'apps/shop/mesh.js': 'exports.mesh = 1;\n' });
      expect(follows(root, { 'apps/shop/mesh.js': 'exports.mesh = 2;\n' })).toBe(true);
    });

    test("a folder's package.json main comes before its index, and is part of the closure itself", () => {
      const root = repo({
        ...app('./mesh'),
        'apps/shop/mesh/package.json': '{ "main": "lib/entry" }',
        'apps/shop/mesh/lib/entry.ts': 'export const mesh = 1;\n',
        'apps/shop/mesh/index.ts': 'export const mesh = 0;\n',
      });
      expect(follows(root, { 'apps/shop/mesh/lib/entry.ts': 'export const mesh = 2;\n' })).toBe(true);
      expect(follows(root, { 'apps/shop/mesh/package.json': '{ "main": "index" }' })).toBe(true);
    });

    test('a folder without a main loads its index, .js before .ts', () => {
      const root = repo({ ...app('./mesh'), 'apps/shop/mesh/index.ts': 'export const mesh = 1;\n', 'apps/shop/mesh/index.js': 'exports.mesh = 1;\n' });
      expect(follows(root, { 'apps/shop/mesh/index.js': 'exports.mesh = 2;\n' })).toBe(true);
    });

    test('a file of the exact name first: `./mesh.json` is that JSON file', () => {
      const root = repo({ ...app('./mesh.json'), 'apps/shop/mesh.json': '{ "mesh": 1 }' });
      expect(follows(root, { 'apps/shop/mesh.json': '{ "mesh": 2 }' })).toBe(true);
    });

    test("a symlinked file resolves its imports from where it really is, as Node does, not from the link's folder", () => {
      const outside = tempDir();
      writeFiles(outside, { 'helper.ts': "import { data } from './data';\nexport const mesh = { a: data };\n", 'data.ts': "export const data = 'ext1';\n" });
      const root = repo({ ...app('../helper'), 'apps/data.ts': "export const data = 'local';\n" });
      symlinkSync(join(outside, 'helper.ts'), join(root, 'apps/helper.ts'));
      // The link's folder holds a data.ts too; the one Node loads is beside the link's target.
      expect(follows(root, { 'apps/data.ts': "export const data = 'other';\n" })).toBe(false);
      const before = key(root);
      writeFiles(outside, { 'data.ts': "export const data = 'ext2';\n" });
      expect(key(root)).not.toBe(before);
    });

    test("`..` and `.` name a folder, as a trailing slash does: its index, not a file of the folder's name beside it", () => {
      const root = repo({ ...app('..'), 'apps.ts': 'export const mesh = 0;\n', 'apps/index.ts': 'export const mesh = 1;\n' });
      expect(follows(root, { 'apps.ts': 'export const mesh = 2;\n' })).toBe(false);
      expect(follows(root, { 'apps/index.ts': 'export const mesh = 3;\n' })).toBe(true);
    });

    test('an import of types only (erased by the compiler, never loaded) does not make the closure unknown', () => {
      const root = repo({
        'apps/shop/mesh-app.ts':
          "import type { Mesh } from './types';\nexport type { Port } from './ports';\nimport { Sizes } from './sizes';\nexport default 1 as unknown as Mesh | Sizes;\n",
        'apps/shop/sizes.d.ts': 'export interface Sizes { cpu: string }\n',
      });
      expect(key(root)).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
