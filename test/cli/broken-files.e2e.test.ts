import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempRepo, webApp } from '../fixtures/temp-repo';

const BIN = join(resolve(__dirname, '../..'), 'bin/platform');

function platform(root: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, '--root', root, ...args], { encoding: 'utf8' });
}

// A broken file is the user's to fix: exit 1 naming the file and line, never "internal error" (70) with a stack.
describe('app files and apps/environments.ts that do not load (end to end)', () => {
  const SYNTAX_ERROR = "import { goldenPath } from 'x';\nexport default {\n  name: 'web',\n";
  const THROWS = "const limits = { cpu: '1' };\nthrow new Error('no memory limit set');\n";

  test('a syntax error in an app file names the file and line; nothing is written', () => {
    const root = tempRepo({ 'apps/shop/web.ts': SYNTAX_ERROR });
    const run = platform(root, 'synth');
    expect(run.stderr).toBe(
      'error: apps/shop/web.ts:4: does not compile: Expected identifier but found end of file. Fix: correct the syntax at that line (npx tsc --noEmit shows every error) [E_APP_LOAD]\n',
    );
    expect(run.status).toBe(1);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  test('a throw in apps/environments.ts names the file and line', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') }, THROWS);
    const run = platform(root, 'check');
    expect(run.stderr).toBe(
      'error: apps/environments.ts:2: throws when loaded: no memory limit set. Fix: correct the code that throws; the file should only declare values [E_ENVIRONMENTS_LOAD]\n',
    );
    expect(run.status).toBe(1);
  });

  test("set-image and promote work on one team's app while another team's file is broken, and warn about it", () => {
    const root = tempRepo({ 'apps/shop/web.ts': THROWS, 'apps/ops/api.ts': webApp('api', 'ops'), 'apps/releases.yaml': 'shop:\n  web:\n    dev: "1.0.0"\n' });
    const warning =
      'warning: skipped apps/shop/web.ts:2: throws when loaded: no memory limit set. Fix: correct the code that throws; the file should only declare values [E_APP_LOAD]\n';
    const set = platform(root, 'set-image', 'api', '--env', 'dev', '--tag', '1.2.3');
    expect([set.status, set.stdout, set.stderr]).toEqual([0, 'apps/releases.yaml: ops/api dev: (none) -> 1.2.3\n', warning]);
    const promote = platform(root, 'promote', 'api', '--from', 'dev', '--to', 'prod');
    expect([promote.status, promote.stdout, promote.stderr]).toEqual([0, 'apps/releases.yaml: ops/api prod: (none) -> 1.2.3\n', warning]);
    expect(readFileSync(join(root, 'apps/releases.yaml'), 'utf8')).toBe('shop:\n  web:\n    dev: "1.0.0"\nops:\n  api:\n    dev: 1.2.3\n    prod: 1.2.3\n');
  });

  test('set-image on the broken app itself fails, naming its file, and writes nothing', () => {
    const root = tempRepo({ 'apps/shop/web.ts': THROWS, 'apps/releases.yaml': '{}\n' });
    const run = platform(root, 'set-image', 'web', '--env', 'dev', '--tag', '2.0.0');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "error: app 'web' is defined in apps/shop/web.ts, which does not load (throws when loaded: no memory limit set), so its pins cannot be checked. Fix: correct apps/shop/web.ts:2 first\n",
    );
    expect(readFileSync(join(root, 'apps/releases.yaml'), 'utf8')).toBe('{}\n');
  });
});
