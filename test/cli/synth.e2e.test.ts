import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempRepo, webApp, writeFiles } from '../fixtures/temp-repo';

const BIN = resolve(__dirname, '../../bin/platform');

describe('platform synth (end to end)', () => {
  test('the real command renders the same bytes twice and prints no stack trace on bad input', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    const first = spawnSync(process.execPath, [BIN, '--root', root, 'synth'], { encoding: 'utf8' });
    expect(first.status).toBe(0);
    const bytes = readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8');
    expect(spawnSync(process.execPath, [BIN, '--root', root, 'synth'], { encoding: 'utf8' }).status).toBe(0);
    expect(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8')).toBe(bytes);

    writeFiles(root, { 'apps/shop/bad.ts': webApp('bad', 'shop', "image: 'ghcr.io/acme/bad:latest'") });
    const bad = spawnSync(process.execPath, [BIN, '--root', root, 'synth'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("uses the tag 'latest'");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
