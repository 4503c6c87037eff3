import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { bufferIo } from '../../lib/cli/io';
import { tempDir } from '../fixtures/temp-dir';
import { backdate, LIB, tempRepo, webApp, writeFiles } from '../fixtures/temp-repo';

/** Runs `platform synth` in-process with PLATFORM_CACHE_DIR as given; returns the exit code and stdout. */
function synth(root: string, args: string[] = [], cacheEnv?: string): { code: number; out: string; err: string } {
  const saved = process.env.PLATFORM_CACHE_DIR;
  if (cacheEnv === undefined) delete process.env.PLATFORM_CACHE_DIR;
  else process.env.PLATFORM_CACHE_DIR = cacheEnv;
  try {
    const io = bufferIo();
    return { code: main(['--root', root, 'synth', ...args], io), out: io.stdout(), err: io.stderr() };
  } finally {
    if (saved === undefined) delete process.env.PLATFORM_CACHE_DIR;
    else process.env.PLATFORM_CACHE_DIR = saved;
  }
}

describe('platform synth: the render cache', () => {
  test('keeps renderings under node_modules/.cache/golden-path-platform and reuses them; an added app is rendered, the others are not', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'apps/shop/api.ts': webApp('api') });
    mkdirSync(join(root, 'node_modules'));
    expect(synth(root).out).toContain('synthesized 2 apps x 2 environments: 17 files in');
    expect(synth(root).out).toContain(', 4 of 4 app renderings from the cache');
    const before = readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8');
    writeFiles(root, { 'apps/shop/api2.ts': webApp('api2', 'shop', "env: { MODE: 'fast' }") });
    expect(synth(root).out).toContain(', 4 of 6 app renderings from the cache');
    expect(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8')).toBe(before);
    // One folder for the platform code's version, beside the hashes of its files (the code fingerprint's memo).
    expect(readdirSync(join(root, 'node_modules/.cache/golden-path-platform')).sort()).toEqual(['code-files.json', expect.stringMatching(/^v5-[0-9a-f]{16}$/)]);
  });

  test('--no-cache neither reads nor writes it; with no node_modules/ there is none', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    expect(synth(root).out).not.toContain('from the cache');
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
    mkdirSync(join(root, 'node_modules'));
    expect(synth(root, ['--no-cache']).out).not.toContain('from the cache');
    expect(existsSync(join(root, 'node_modules/.cache'))).toBe(false);
  });

  test('--cache-dir, then $PLATFORM_CACHE_DIR, move it', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    const flag = tempDir();
    const variable = tempDir();
    expect(synth(root, ['--cache-dir', flag], variable).out).toContain(', 0 of 2 app renderings from the cache');
    expect(synth(root, ['--cache-dir', flag], variable).out).toContain(', 2 of 2 app renderings from the cache');
    expect(readdirSync(variable)).toEqual([]);
    expect(synth(root, [], variable).out).toContain(', 0 of 2 app renderings from the cache');
    expect(synth(root, [], variable).out).toContain(', 2 of 2 app renderings from the cache');
  });

  test('names each app file rendered every run and why, so a team learns its app is never cached', () => {
    const root = tempRepo({
      'apps/shop/web.ts': webApp('web'),
      'apps/shop/proxied.ts': webApp('proxied', 'shop', "resources: new Proxy({ cpu: '100m', memory: '128Mi' }, {})"),
      'apps/shop/dynamic.ts': `import { goldenPath } from '${LIB}';
const { webService } = goldenPath([]);
const limits = require(['..', '..', 'shared', 'limits'].join('/'));
export default webService({ name: 'dynamic', team: 'shop', image: 'ghcr.io/acme/dynamic:1.0.0', customize: () => limits });
`,
      'shared/limits.ts': 'export const cpu = 1;\n',
    });
    backdate(root, ['apps/shop/web.ts', 'apps/shop/proxied.ts', 'apps/shop/dynamic.ts', 'shared/limits.ts']);
    mkdirSync(join(root, 'node_modules'));
    synth(root);
    const warm = synth(root);
    expect(warm.code).toBe(0);
    expect(warm.out).toContain(', 2 of 6 app renderings from the cache');
    expect(warm.err).toBe(
      [
        'synth: note: 2 app files are rendered every run, never taken from the cache (README, "Incremental synth"):',
        '  apps/shop/dynamic.ts: the code it runs cannot be read whole: apps/shop/dynamic.ts requires or imports a module by a computed name',
        "  apps/shop/proxied.ts: its definition holds a Proxy at 'resources'",
        '',
      ].join('\n'),
    );
    // Nothing to say when every app can be cached, or without a cache.
    expect(synth(root, ['--no-cache']).err).toBe('');
    const plain = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    mkdirSync(join(plain, 'node_modules'));
    expect(synth(plain).err).toBe('');
  });
});
