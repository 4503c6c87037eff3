import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';

const CODE_CACHE = join(__dirname, '../../lib/internal/code-cache.js');
const REGISTER = join(__dirname, '../../lib/internal/register-ts.js');

describe('lib/internal/code-cache.js', () => {
  let dir: string;
  let cache: string;
  let enable: string;
  beforeEach(() => {
    dir = tempDir('code-cache-');
    cache = join(dir, 'cache');
    enable = join(dir, 'enable.js');
    writeFileSync(enable, `require(${JSON.stringify(CODE_CACHE)}).enableCodeCache(process.env.TEST_CODE_CACHE);\n`);
  });

  const run = (file: string, preload: string[] = []) =>
    spawnSync(process.execPath, ['--require', enable, ...preload.flatMap((p) => ['--require', p]), file], {
      env: { ...process.env, TEST_CODE_CACHE: cache, PLATFORM_TS_CACHE: join(dir, 'ts-cache') },
      encoding: 'utf8',
    });
  /** Every file under the cache root (one folder per V8 version, holding its pack). */
  const files = () =>
    readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  const packFile = () => join(cache, process.versions.v8, 'pack');
  /** The pack's header: key -> [offset, length, usedAt, sha256 of the data]. */
  const header = (bytes = readFileSync(packFile())) =>
    JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0))) as Record<string, [number, number, number, string]>;
  /** Every entry's data is what its header says it is. */
  const wellFormed = (bytes = readFileSync(packFile())) => {
    const base = 4 + bytes.readUInt32LE(0);
    return Object.values(header(bytes)).every(
      ([offset, length, , sum]) =>
        createHash('sha256')
          .update(bytes.subarray(base + offset, base + offset + length))
          .digest('hex') === sum,
    );
  };

  test('stores an entry per module in one pack, and a run that finds them all writes nothing', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log(require("./two.js") + 1);\n');
    writeFileSync(join(dir, 'two.js'), 'module.exports = 2;\n');
    expect(run(main)).toMatchObject({ status: 0, stdout: '3\n' });
    expect(files()).toEqual([packFile()]);
    expect(Object.keys(header())).toHaveLength(2);
    expect(wellFormed()).toBe(true);
    const before = statSync(packFile()).mtimeMs;
    expect(run(main)).toMatchObject({ status: 0, stdout: '3\n' });
    expect(statSync(packFile()).mtimeMs).toBe(before);
  });

  test('keeps modules in the packs `packOf` names: a miss in one writes that pack again, not the other', () => {
    const main = join(dir, 'main.js');
    const app = join(dir, 'app.js');
    writeFileSync(main, 'console.log(require("./app.js") + 1);\n');
    writeFileSync(app, 'module.exports = 2;\n');
    writeFileSync(
      enable,
      `require(${JSON.stringify(CODE_CACHE)}).enableCodeCache(process.env.TEST_CODE_CACHE, { packOf: (f) => f.endsWith('app.js') ? 'apps' : 'pack' });\n`,
    );
    expect(run(main)).toMatchObject({ status: 0, stdout: '3\n' });
    const apps = join(cache, process.versions.v8, 'apps');
    expect(Object.keys(header())).toHaveLength(1);
    expect(Object.keys(header(readFileSync(apps)))).toHaveLength(1);
    const [packBefore, appsBefore] = [statSync(packFile()).mtimeMs, statSync(apps).mtimeMs];
    writeFileSync(app, 'module.exports = 40;\n');
    expect(run(main)).toMatchObject({ status: 0, stdout: '41\n' });
    expect(statSync(packFile()).mtimeMs).toBe(packBefore);
    expect(statSync(apps).mtimeMs).not.toBe(appsBefore);
    expect(Object.values(header(readFileSync(apps)))).toHaveLength(2);
    expect(wellFormed(readFileSync(apps))).toBe(true);
  });

  test("packOf: installed packages and the platform's own folders in one pack, a repository's app files in sixteen by file name", () => {
    const { packOf } = Module.createRequire(__filename)(CODE_CACHE) as { packOf: (file: string) => string };
    const root = join(__dirname, '..', '..');
    expect(packOf(join(root, 'lib', 'cli', 'main.ts'))).toBe('pack');
    expect(packOf(join(root, 'imports', 'k8s.ts'))).toBe('pack');
    expect(packOf('/repo/node_modules/cdk8s/lib/index.js')).toBe('pack');
    // By the file's name: the repository and a copy of it (`platform diff`'s base) share a pack.
    expect(packOf(join(root, 'apps', 'shop', 'storefront.ts'))).toBe('apps-b');
    expect(packOf('/tmp/base-copy/apps/shop/storefront.ts')).toBe('apps-b');
    expect(packOf('/repo/apps/payments/ledger.ts')).toBe('apps-9');
    expect(packOf(join(root, 'library', 'x.ts'))).toBe('apps-0');
  });

  test('never runs stale code: an edit of the same length (all V8 itself checks) runs the new code', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log("one");\n');
    expect(run(main).stdout).toBe('one\n');
    writeFileSync(main, 'console.log("two");\n');
    expect(run(main).stdout).toBe('two\n');
    expect(Object.keys(header())).toHaveLength(2); // the old entry stays until unused for a week
  });

  test('a copy of a module elsewhere names its own file in stack traces', () => {
    const code = 'const x = 1;\nthrow new Error("boom " + x);\n';
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, 'main.js'), code);
    }
    expect(run(join(dir, 'a', 'main.js')).stderr).toContain(`${join(dir, 'a', 'main.js')}:2:7`);
    expect(run(join(dir, 'b', 'main.js')).stderr).toContain(`${join(dir, 'b', 'main.js')}:2:7`);
  });

  test('ignores a damaged entry, runs the module from its source and writes the entry again', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'function add(a, b) {\n  return a + b;\n}\nconsole.log(add(40, 2));\n');
    expect(run(main).stdout).toBe('42\n');
    const damaged = readFileSync(packFile());
    for (let i = damaged.length - 40; i < damaged.length; i += 3) damaged[i] ^= 0xff; // the data's end, past V8's own header
    writeFileSync(packFile(), damaged);
    expect(run(main)).toMatchObject({ status: 0, stdout: '42\n' });
    expect(wellFormed()).toBe(true);
    writeFileSync(packFile(), 'short');
    expect(run(main)).toMatchObject({ status: 0, stdout: '42\n' });
    expect(wellFormed()).toBe(true);
  });

  test('runs started together on an empty cache all succeed and leave whole entries', async () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, `const parts = [${'"part", '.repeat(2000)}];\nconsole.log(parts.length);\n`);
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--require', enable, main], { env: { ...process.env, TEST_CODE_CACHE: cache } });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.on('close', (code) => resolve({ code, out }));
        }),
    );
    expect(await Promise.all(runs)).toEqual(Array(4).fill({ code: 0, out: '2000\n' }));
    expect(files()).toEqual([packFile()]); // no temporary file left beside it
    expect(Object.keys(header())).toHaveLength(1);
    expect(wellFormed()).toBe(true);
    expect(run(main)).toMatchObject({ status: 0, stdout: '2000\n' });
  });

  test('works without a writable cache (nothing cached, still correct)', () => {
    writeFileSync(cache, 'a file where the cache folder should be');
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log(require("node:path").basename(__filename), typeof require.resolve);\n');
    expect(run(main)).toMatchObject({ status: 0, stdout: 'main.js function\n' });
  });

  test('keeps line and column numbers of the file in stack traces', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'const x = 1;\n  throw new Error("boom " + x);\n');
    run(main);
    const result = run(main); // the second run is served from the cache
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${main}:2:9`);
  });

  test('TypeScript modules loaded through it still name the .ts line in a stack trace', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'interface A {\n  a: string;\n}\nfunction fail(x: A): never {\n  throw new Error(x.a);\n}\nfail({ a: "boom" });\n');
    run(main, [REGISTER]);
    const result = run(main, [REGISTER]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${main}:5:9`);
  });

  test("leaves a file V8 does not compile as a script to Node's loader, which names the error", () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'const = 1;\n');
    const result = run(main);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(main);
    expect(result.stderr).toContain('SyntaxError');
  });

  test('drops entries unused for a week, and the packs of other V8 versions, when it writes', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log(1);\n');
    writeFileSync(join(dir, 'other.js'), 'console.log(2);\n');
    run(main);
    run(join(dir, 'other.js'));
    expect(Object.keys(header())).toHaveLength(2);
    // Eight days pass: main.js's entry was last used then, other.js's is rewritten as recent.
    const bytes = readFileSync(packFile());
    const entries = header(bytes);
    const mainKey = createHash('sha256').update(main).update('\0').update('console.log(1);\n').digest('hex'); // path and code
    entries[mainKey][2] -= 8 * 24 * 3600 * 1000;
    const json = Buffer.from(JSON.stringify(entries));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    writeFileSync(packFile(), Buffer.concat([length, json, bytes.subarray(4 + bytes.readUInt32LE(0))]));
    const other = join(cache, 'an-older-v8');
    mkdirSync(other, { recursive: true });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    writeFileSync(join(other, 'pack'), '');
    utimesSync(join(other, 'pack'), eightDaysAgo, eightDaysAgo);
    writeFileSync(join(other, 'recent'), '');
    writeFileSync(join(dir, 'third.js'), 'console.log(3);\n');
    expect(run(join(dir, 'third.js')).status).toBe(0);
    expect(Object.keys(header())).toHaveLength(2); // other.js and third.js
    expect(Object.keys(header())).not.toContain(mainKey);
    expect(files().sort()).toEqual([join(other, 'recent'), packFile()].sort());
  });

  test("keeps the pack to three times what the writing run uses: a big module another run used is dropped, not every run's modules piled up", () => {
    const big = join(dir, 'big.js');
    writeFileSync(big, Array.from({ length: 400 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }\nf${i}(${i});\n`).join(''));
    run(big);
    const small = join(dir, 'small.js');
    writeFileSync(small, 'console.log(1);\n');
    expect(run(small).status).toBe(0);
    expect(Object.keys(header())).toEqual([createHash('sha256').update(small).update('\0').update('console.log(1);\n').digest('hex')]);
  });

  // Node 22.1+ has module.enableCompileCache, which bin/platform uses instead.
  const nodeHasItsOwn = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  (nodeHasItsOwn ? test.skip : test)('bin/platform turns it on (Node 20), in $PLATFORM_CODE_CACHE', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../bin/platform'), '--help'], {
      env: { ...process.env, PLATFORM_CODE_CACHE: cache },
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('Usage: platform');
    expect(Object.keys(header()).length).toBeGreaterThan(10); // the loader, commander and the CLI's modules
  });
});
