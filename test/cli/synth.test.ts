import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { bufferIo } from '../../lib/cli/io';
import { tempRepo, webApp, writeFiles } from '../fixtures/temp-repo';

describe('platform synth (in-process)', () => {
  test('writes every app of every environment into dist/ and exits 0', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    const io = bufferIo();
    expect(main(['--root', root, 'synth'], io)).toBe(0);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['.platform-synth', 'catalog', 'dev', 'prod']);
    expect(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8')).toContain('kind: HorizontalPodAutoscaler');
    expect(io.stdout()).toContain('synthesized 1 apps x 2 environments');
  });

  test('leaves the previous dist/ untouched when an app is invalid, and exits 1 with the app, field and fix', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    main(['--root', root, 'synth'], bufferIo());
    const before = readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8');
    writeFiles(root, { 'apps/shop/api.ts': webApp('api', 'shop', 'port: 70000') });
    const io = bufferIo();
    expect(main(['--root', root, 'synth'], io)).toBe(1);
    expect(io.stderr()).toContain("apps/shop/api.ts: app 'api': environment 'dev, prod': 'port' must be an integer from 1 to 65535 (got 70000)");
    expect(io.stderr()).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(root, 'dist/prod/shop/api.yaml'))).toBe(false);
  });

  test('removes the file of an app that was deleted (past the GitOps guard, with --allow-drop)', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'apps/shop/api.ts': webApp('api') });
    main(['--root', root, 'synth'], bufferIo());
    expect(existsSync(join(root, 'dist/dev/shop/api.yaml'))).toBe(true);
    rmSync(join(root, 'apps/shop/api.ts'));
    expect(main(['--root', root, 'synth', '--allow-drop'], bufferIo())).toBe(0);
    expect(existsSync(join(root, 'dist/dev/shop/api.yaml'))).toBe(false);
  });

  test('exits 2 with a fix when the repository has no apps/environments.ts', () => {
    const io = bufferIo();
    expect(main(['--root', '/nonexistent-platform-root', 'synth'], io)).toBe(2);
    expect(io.stderr()).toMatch(/environments\.ts: not found\. Fix: run platform commands from the repository root/);
  });

  test('exits 2 on an unknown command', () => {
    const io = bufferIo();
    expect(main(['synthesise'], io)).toBe(2);
    expect(io.stderr()).toContain("unknown command 'synthesise'");
  });
});
