import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REGISTER = join(__dirname, '../../bin/register-ts.js');

describe('bin/register-ts.js', () => {
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'register-ts-'));
    cache = join(dir, 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (file: string) => spawnSync(process.execPath, ['--require', REGISTER, file], { env: { ...process.env, PLATFORM_TS_CACHE: cache }, encoding: 'utf8' });

  test('runs TypeScript, importing other TypeScript files without extensions', () => {
    writeFileSync(join(dir, 'shape.ts'), 'export enum Shape { Circle = "circle" }\nexport const area = (r: number): number => Math.round(Math.PI * r * r);\n');
    writeFileSync(join(dir, 'main.ts'), 'import { area, Shape } from "./shape";\nconst r: number = 2;\nconsole.log(`${Shape.Circle} ${area(r)}`);\n');
    expect(run(join(dir, 'main.ts'))).toMatchObject({ status: 0, stdout: 'circle 13\n' });
  });

  test('caches one entry per source file and never runs stale code after an edit', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'const n: number = 1;\nconsole.log(n);\n');
    expect(run(main).stdout).toBe('1\n');
    writeFileSync(main, 'const n: number = 2;\nconsole.log(n);\n');
    expect(run(main).stdout).toBe('2\n');
    expect(run(main).stdout).toBe('2\n');
    expect(readdirSync(cache).filter((f) => f.endsWith('.js'))).toHaveLength(1);
  });

  test('stack traces point at the TypeScript line', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'interface A {\n  a: string;\n}\nfunction fail(x: A): never {\n  throw new Error(x.a);\n}\nfail({ a: "boom" });\n');
    const result = run(main);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${main}:5:`);
  });

  test('works without a writable cache (nothing cached, still correct)', () => {
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'console.log(<number>40 + 2);\n');
    writeFileSync(cache, 'a file where the cache folder should be');
    expect(run(main)).toMatchObject({ status: 0, stdout: '42\n' });
  });

  test('the platform command starts through it', () => {
    expect(execFileSync(process.execPath, [join(__dirname, '../../bin/platform'), '--help'], { env: { ...process.env, PLATFORM_TS_CACHE: cache }, encoding: 'utf8' })).toContain('Usage: platform');
  });
});
