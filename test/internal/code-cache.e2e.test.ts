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
  /** Every entry, as its path from the cache root (one folder per V8 version). */
  const entries = () => readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const entryPaths = () => entries().map((e) => join(e.parentPath, e.name));

  test('stores an entry per module and reads it on the next run instead of writing again', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log(require("./two.js") + 1);\n');
    writeFileSync(join(dir, 'two.js'), 'module.exports = 2;\n');
    expect(run(main)).toMatchObject({ status: 0, stdout: '3\n' });
    expect(entries()).toHaveLength(2);
    const before = entryPaths().map((p) => statSync(p).mtimeMs);
    expect(run(main)).toMatchObject({ status: 0, stdout: '3\n' });
    expect(entryPaths().map((p) => statSync(p).mtimeMs)).toEqual(before);
  });

  test('never runs stale code: an edit of the same length (all V8 itself checks) runs the new code', () => {
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log("one");\n');
    expect(run(main).stdout).toBe('one\n');
    writeFileSync(main, 'console.log("two");\n');
    expect(run(main).stdout).toBe('two\n');
    expect(entries()).toHaveLength(2);
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
    const [entry] = entryPaths();
    const good = readFileSync(entry);
    const damaged = Buffer.from(good);
    for (let i = damaged.length - 40; i < damaged.length; i += 3) damaged[i] ^= 0xff; // the data's end, past V8's own header
    writeFileSync(entry, damaged);
    expect(run(main)).toMatchObject({ status: 0, stdout: '42\n' });
    // Written again whole: its leading hash matches its data.
    const rewritten = readFileSync(entry);
    expect(createHash('sha256').update(rewritten.subarray(32)).digest().equals(rewritten.subarray(0, 32))).toBe(true);
    writeFileSync(entry, 'short');
    expect(run(main)).toMatchObject({ status: 0, stdout: '42\n' });
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
    expect(entries().map((e) => e.name)).toHaveLength(1); // no temporary file left beside it
    const [entry] = entryPaths();
    const bytes = readFileSync(entry);
    expect(createHash('sha256').update(bytes.subarray(32)).digest().equals(bytes.subarray(0, 32))).toBe(true);
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

  test('removes entries unused for a week when it writes a new one', () => {
    const other = join(cache, 'an-older-v8');
    mkdirSync(other, { recursive: true });
    const old = join(other, 'old');
    writeFileSync(old, '');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    writeFileSync(join(other, 'recent'), '');
    const main = join(dir, 'main.js');
    writeFileSync(main, 'console.log(1);\n');
    expect(run(main).status).toBe(0);
    const names = entries().map((e) => e.name);
    expect(names).not.toContain('old');
    expect(names).toContain('recent');
  });

  // Node 22.1+ has module.enableCompileCache, which bin/platform uses instead.
  const nodeHasItsOwn = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  (nodeHasItsOwn ? test.skip : test)('bin/platform turns it on (Node 20), in $PLATFORM_CODE_CACHE', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../bin/platform'), '--help'], {
      env: { ...process.env, PLATFORM_CODE_CACHE: cache },
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('Usage: platform');
    expect(entries().length).toBeGreaterThan(10); // the loader, commander and the CLI's modules
  });
});
