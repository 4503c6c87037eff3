import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';

jest.setTimeout(180_000);
const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin/platform');
const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('platform new (end to end, in a copy of this repository)', () => {
  test('creates an app whose synth, type check and tests pass', () => {
    const root = tempDir('platform-scaffold-');
    for (const entry of ['apps', 'package.json', 'tsconfig.json', 'cdk8s.yaml']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
    for (const entry of ['lib', 'bin', 'imports', 'node_modules']) symlinkSync(join(REPO, entry), join(root, entry));
    // The generated test imports test/helpers.ts, which builds on two fixtures.
    for (const file of ['helpers.ts', 'fixtures/definitions.ts', 'fixtures/resolved-app.ts']) {
      mkdirSync(dirname(join(root, 'test', file)), { recursive: true });
      cpSync(join(REPO, 'test', file), join(root, 'test', file));
    }
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });

    const created = run(process.execPath, [BIN, '--root', root, 'new', 'orders', '--team', 'shop', '--kind', 'web']);
    expect([created.status, created.stderr]).toEqual([0, '']);
    expect(created.stdout).toMatch(/^synthesized \d+ apps x \d+ environments/m);
    expect(read(root, 'dist/prod/shop/orders.yaml')).toContain('kind: Deployment');
    expect(read(root, 'dist/catalog/shop/orders.yaml')).toContain('owner: group:default/shop');

    const again = run(process.execPath, [BIN, '--root', root, 'synth']);
    expect([again.status, again.stderr]).toEqual([0, '']);

    writeFileSync(
      join(root, 'tsconfig.new.json'),
      JSON.stringify({ extends: './tsconfig.json', include: [], files: ['apps/shop/orders.ts', 'test/apps/shop/orders.test.ts'] }),
    );
    const typecheck = run(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.new.json']);
    expect([typecheck.status, typecheck.stdout]).toEqual([0, '']);

    const config = { testEnvironment: 'node', roots: ['<rootDir>/test'], transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] } };
    const tests = run(join(root, 'node_modules/.bin/jest'), ['--ci', '--rootDir', root, '--config', JSON.stringify(config), 'test/apps/shop/orders.test.ts']);
    expect([tests.status, tests.stderr]).toEqual([0, expect.stringContaining('Tests:       4 passed, 4 total')]);
  });
});
