import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempRepo, webApp } from '../fixtures/temp-repo';

const BIN = resolve(__dirname, '../../bin/platform');

test('platform capacity (end to end) exits 0 and prints every environment', () => {
  const run = spawnSync(process.execPath, [BIN, '--root', tempRepo({ 'apps/shop/web.ts': webApp('web') }), 'capacity'], { encoding: 'utf8' });
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toMatch(/\ndev\n[\s\S]*\nprod\n/);
});
