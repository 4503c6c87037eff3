import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REGISTER = join(__dirname, '../../lib/internal/register-ts.js');

describe('lib/internal/register-ts.js', () => {
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'register-ts-'));
    cache = join(dir, 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (file: string, nodeArgs: string[] = []) =>
    spawnSync(process.execPath, ['--require', REGISTER, ...nodeArgs, file], { env: { ...process.env, PLATFORM_TS_CACHE: cache }, encoding: 'utf8' });
  const entries = () => readdirSync(cache).filter((f) => f.endsWith('.js'));

  test('runs TypeScript, importing other TypeScript files without extensions', () => {
    writeFileSync(join(dir, 'shape.ts'), 'export enum Shape { Circle = "circle" }\nexport class Circle { constructor(readonly r: number) {} }\n');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'index.ts'), 'export const area = (r: number): number => Math.round(Math.PI * r * r);\n');
    writeFileSync(
      join(dir, 'main.ts'),
      'import { Circle, Shape } from "./shape";\nimport { area } from "./lib";\nconsole.log(`${Shape.Circle} ${area(new Circle(2).r)}`);\n',
    );
    expect(run(join(dir, 'main.ts'))).toMatchObject({ status: 0, stdout: 'circle 13\n' });
  });

  test('still finds extensionless imports when Node leaves .ts out of its own search (as Node >= 23.6 does)', () => {
    writeFileSync(join(dir, 'shape.ts'), 'export const sides: number = 4;\n');
    writeFileSync(join(dir, 'main.ts'), 'import { sides } from "./shape";\nconsole.log(sides);\n');
    // Node searches the enumerable extensions; hiding .ts reproduces a Node that does not search it.
    writeFileSync(
      join(dir, 'hide.js'),
      "const M = require('node:module'); const ts = M._extensions['.ts']; delete M._extensions['.ts']; Object.defineProperty(M._extensions, '.ts', { value: ts, enumerable: false, configurable: true, writable: true });\n",
    );
    expect(run(join(dir, 'main.ts'), ['--require', join(dir, 'hide.js')])).toMatchObject({ status: 0, stdout: '4\n' });
  });

  test('never runs stale code after an edit, and reuses an entry for the same source anywhere', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'const n: number = 1;\nconsole.log(n);\n');
    expect(run(main).stdout).toBe('1\n');
    writeFileSync(main, 'const n: number = 2;\nconsole.log(n);\n');
    expect(run(main).stdout).toBe('2\n');
    expect(entries()).toHaveLength(2);
    // A copy of the repository (platform diff's temporary worktree) adds nothing.
    mkdirSync(join(dir, 'copy'));
    cpSync(main, join(dir, 'copy', 'main.ts'));
    expect(run(join(dir, 'copy', 'main.ts')).stdout).toBe('2\n');
    expect(entries()).toHaveLength(2);
  });

  test('removes entries unused for a week when it writes a new one', () => {
    mkdirSync(cache);
    const old = join(cache, 'old.js');
    writeFileSync(old, '');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    writeFileSync(join(cache, 'recent.js'), '');
    writeFileSync(join(dir, 'main.ts'), 'console.log(1 as number);\n');
    expect(run(join(dir, 'main.ts')).status).toBe(0);
    expect(entries()).not.toContain('old.js');
    expect(entries()).toContain('recent.js');
  });

  test('stack traces point at the TypeScript file and line', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'interface A {\n  a: string;\n}\nfunction fail(x: A): never {\n  throw new Error(x.a);\n}\nfail({ a: "boom" });\n');
    const result = run(main);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${main}:5:`);
  });

  test("maps frames itself, lazily: Node's eager source maps stay off, and an error caught in code still names .ts lines", () => {
    writeFileSync(join(dir, 'thrower.ts'), 'type N = number;\n\nexport function thrower(n: N): never {\n  throw new RangeError(`bad ${n}`);\n}\n');
    const main = join(dir, 'main.ts');
    writeFileSync(
      main,
      'import { thrower } from "./thrower";\ntry {\n  thrower(1);\n} catch (e) {\n  console.log(process.sourceMapsEnabled, (e as Error).stack?.split("\\n").slice(0, 3).join("|"));\n}\n',
    );
    const result = run(main);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`false RangeError: bad 1|    at thrower (${join(dir, 'thrower.ts')}:4:9)|    at Object.<anonymous> (${main}:3:3)\n`);
  });

  describe("holds no copy of a module's code: V8 gets it without its source map, read from the cache when a trace needs it", () => {
    // Records whether the code Node compiles for a .ts module still carries its map (held three times, 16 MB at 3,000 app files).
    const spy = () => {
      const file = join(dir, 'spy.js');
      writeFileSync(
        file,
        "const M = require('node:module'); const c = M.prototype._compile; M.prototype._compile = function (content, f) { if (f.endsWith('.ts')) console.error('compiled', require('node:path').basename(f), content.includes('sourceMappingURL')); return c.apply(this, arguments); };\n",
      );
      return ['--require', file];
    };
    const fail = (main: string) => writeFileSync(main, 'type S = string;\n\nconst why: S = "boom";\nthrow new Error(why);\n');

    test('with a cache', () => {
      const main = join(dir, 'main.ts');
      fail(main);
      const result = run(main, spy());
      expect(result.stderr).toContain('compiled main.ts false\n');
      expect(result.stderr).toContain(`${main}:4:`);
    });

    test('without a writable cache, the map is held instead', () => {
      const main = join(dir, 'main.ts');
      fail(main);
      writeFileSync(cache, 'a file where the cache folder should be');
      const result = run(main, spy());
      expect(result.stderr).toContain('compiled main.ts false\n');
      expect(result.stderr).toContain(`${main}:4:`);
    });

    test('a cache entry removed after the module loaded leaves the frame at its JavaScript position, not a failure', () => {
      const main = join(dir, 'main.ts');
      writeFileSync(
        main,
        'type S = string;\n\nimport { readdirSync, rmSync } from "node:fs";\nfor (const f of readdirSync(process.env.PLATFORM_TS_CACHE!)) rmSync(`${process.env.PLATFORM_TS_CACHE}/${f}`);\nconst why: S = "boom";\nthrow new Error(why);\n',
      );
      const result = run(main);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Error: boom\n');
      // The throw is line 6 of the .ts file and line 5 of esbuild's output: no copy of the map was held to map it.
      expect(result.stderr).toContain(`at Object.<anonymous> (${main}:5:7)`);
    });
  });

  test('works without a writable cache (nothing cached, still correct)', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'console.log(<number>40 + 2);\n');
    writeFileSync(cache, 'a file where the cache folder should be');
    expect(run(main)).toMatchObject({ status: 0, stdout: '42\n' });
  });

  describe('on a cold cache, inside a repository', () => {
    // A repository of its own: the hook in lib/internal, tsconfig.json and node_modules (for esbuild) beside lib/.
    const repo = () => {
      const root = join(dir, 'repo');
      mkdirSync(join(root, 'lib', 'internal'), { recursive: true });
      mkdirSync(join(root, 'lib', 'sub'), { recursive: true });
      cpSync(REGISTER, join(root, 'lib', 'internal', 'register-ts.js'));
      cpSync(join(__dirname, '../../tsconfig.json'), join(root, 'tsconfig.json'));
      symlinkSync(join(__dirname, '../../node_modules'), join(root, 'node_modules'));
      writeFileSync(join(root, 'lib', 'main.ts'), 'import { n } from "./sub/n";\nconsole.log(n);\n');
      writeFileSync(join(root, 'lib', 'sub', 'n.ts'), 'export const n: number = 7;\n');
      writeFileSync(join(root, 'lib', 'unused.ts'), 'export const u: string = "u";\n');
      writeFileSync(join(root, 'lib', 'main.test.ts'), 'it("is a test", () => undefined);\n');
      return root;
    };
    const runIn = (root: string) =>
      spawnSync(process.execPath, ['--require', join(root, 'lib', 'internal', 'register-ts.js'), join(root, 'lib', 'main.ts')], {
        env: { ...process.env, PLATFORM_TS_CACHE: cache },
        encoding: 'utf8',
      });

    test('transpiles every source file of the tree in one go, tests left out', () => {
      expect(runIn(repo())).toMatchObject({ status: 0, stdout: '7\n' });
      expect(entries()).toHaveLength(3);
    });

    test('after an edit, with a cache in place, transpiles only what the run loads', () => {
      const root = repo();
      expect(runIn(root).stdout).toBe('7\n');
      writeFileSync(join(root, 'lib', 'sub', 'n.ts'), 'export const n: number = 8;\n');
      writeFileSync(join(root, 'lib', 'unused.ts'), 'export const u: string = "v";\n');
      expect(runIn(root).stdout).toBe('8\n');
      expect(entries()).toHaveLength(4); // the three of the first run, and the edited n.ts; not the edited unused.ts
    });

    test('falls back to one file at a time when some file of the tree does not parse', () => {
      const root = repo();
      writeFileSync(join(root, 'lib', 'broken.ts'), 'export const = ;\n');
      expect(runIn(root)).toMatchObject({ status: 0, stdout: '7\n' });
      expect(entries()).toHaveLength(2);
    });
  });

  test('installed (no tsconfig.json beside build/), transpiles app files with its own settings', () => {
    // As in the package: the hook at build/lib/internal, no tsconfig.json in build/, esbuild in node_modules.
    const pkg = join(dir, 'node_modules', 'golden-path-platform');
    mkdirSync(join(pkg, 'build', 'lib', 'internal'), { recursive: true });
    cpSync(REGISTER, join(pkg, 'build', 'lib', 'internal', 'register-ts.js'));
    symlinkSync(join(__dirname, '../../node_modules/esbuild'), join(dir, 'node_modules', 'esbuild'));
    mkdirSync(join(dir, 'apps'));
    writeFileSync(
      join(dir, 'apps', 'app.ts'),
      'class Box { constructor(readonly size: number) {} }\nexport default new Box(3);\nconsole.log(new Box(3).size);\n',
    );
    const result = spawnSync(process.execPath, ['--require', join(pkg, 'build', 'lib', 'internal', 'register-ts.js'), join(dir, 'apps', 'app.ts')], {
      env: { ...process.env, PLATFORM_TS_CACHE: cache },
      encoding: 'utf8',
    });
    expect(result).toMatchObject({ status: 0, stdout: '3\n' });
  });

  test('the platform command starts through it', () => {
    expect(
      execFileSync(process.execPath, [join(__dirname, '../../bin/platform'), '--help'], {
        env: { ...process.env, PLATFORM_TS_CACHE: cache },
        encoding: 'utf8',
      }),
    ).toContain('Usage: platform');
  });
});
