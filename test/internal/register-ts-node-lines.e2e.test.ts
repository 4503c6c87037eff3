import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';

const REGISTER = join(__dirname, '../../lib/internal/register-ts.js');

/**
 * The loader on the other supported Node lines, whose own type stripping it must take over: 22.6+
 * strips types with --experimental-strip-types (on by default since 22.18), 23.6+ always. The
 * machine's Node (20) runs the rest of the loader's tests. The binaries come from
 * PLATFORM_TEST_NODES, which scripts/node-lines.sh (called by .ci/run) sets. On 22.23 and 24.21
 * Node registers no CJS `.ts` handler of its own (its `.js` handler strips .ts files), so the hook
 * registered by the loader is what runs the sources.
 */
const NODES = (process.env.PLATFORM_TEST_NODES ?? '').split(delimiter).filter(Boolean);

const versionOf = (bin: string) => execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();

if (NODES.length === 0) {
  const howTo = `lib/internal/register-ts.js on Node 22 and 24 needs their binaries: PLATFORM_TEST_NODES=/path/to/node22${delimiter}/path/to/node24 npx jest test/internal/register-ts-node-lines (bash scripts/node-lines.sh, which CI runs, installs them from the npm registry and sets it)`;
  console.warn(`skipped: ${howTo}`);
  test.skip(howTo, () => undefined);
} else {
  describe.each(NODES.map((bin) => [versionOf(bin), bin]))('lib/internal/register-ts.js on Node %s', (version, bin) => {
    const major = Number(version.split('.')[0]);
    // 22 strips only when asked on its early releases; from 23.6 on stripping is on with no flag.
    const variants: { flags: string[]; how: string }[] =
      major === 22
        ? [
            { flags: ['--experimental-strip-types'], how: 'with --experimental-strip-types' },
            { flags: [], how: 'with no flag' },
          ]
        : [{ flags: [], how: 'with the default-on stripping' }];

    let dir: string;
    let cache: string;
    beforeEach(() => {
      dir = tempDir('register-ts-lines-');
      cache = join(dir, 'cache');
      // TypeScript-only syntax Node's stripping rejects (an enum, a parameter property) and extensionless imports it does not resolve.
      writeFileSync(join(dir, 'shape.ts'), 'export enum Shape { Circle = "circle" }\nexport class Circle { constructor(readonly r: number) {} }\n');
      mkdirSync(join(dir, 'lib'));
      writeFileSync(join(dir, 'lib', 'index.ts'), 'export const area = (r: number): number => Math.round(Math.PI * r * r);\n');
      writeFileSync(
        join(dir, 'main.ts'),
        'import { Circle, Shape } from "./shape";\nimport { area } from "./lib";\nconsole.log(`${Shape.Circle} ${area(new Circle(2).r)}`);\n',
      );
      writeFileSync(join(dir, 'enum.ts'), 'enum Size { S = 1, M = 2 }\nconsole.log(Size.M);\n');
    });

    const node = (args: string[]) => spawnSync(bin, args, { cwd: dir, env: { ...process.env, PLATFORM_TS_CACHE: cache }, encoding: 'utf8' });

    describe.each(variants)('$how', ({ flags }) => {
      test("Node's own type stripping is on, and rejects what the sources use", () => {
        expect(node([...flags, '-p', 'process.features.typescript']).stdout).toBe('strip\n');
        const alone = node([...flags, join(dir, 'enum.ts')]);
        expect(alone.status).toBe(1);
        expect(alone.stderr).toContain('ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX');
      });

      test('the loader takes over: TypeScript-only syntax and extensionless imports run', () => {
        expect(node(['--require', REGISTER, ...flags, join(dir, 'enum.ts')])).toMatchObject({ status: 0, stdout: '2\n' });
        expect(node(['--require', REGISTER, ...flags, join(dir, 'main.ts')])).toMatchObject({ status: 0, stdout: 'circle 13\n' });
      });
    });

    test('the platform command starts', () => {
      const result = node([join(__dirname, '../../bin/platform'), '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Usage: platform');
    });
  });
}
