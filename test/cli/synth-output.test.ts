import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { bufferIo } from '../../lib/cli/io';
import { tempRepo, webApp } from '../fixtures/temp-repo';

/** Every file under `dir` with its content: what a refused synth must leave exactly as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

function synth(root: string, ...args: string[]) {
  const io = bufferIo();
  return { code: main(['--root', root, 'synth', ...args], io), stderr: io.stderr() };
}

describe('platform synth replaces only what it wrote', () => {
  test.each([
    ['the repository root', (root: string) => root, 'is the repository root'],
    ['a folder above the root', (root: string) => join(root, '..'), 'is the repository root'],
    ['the filesystem root', () => '/', 'is the repository root'],
    ['apps/', (root: string) => join(root, 'apps'), 'is apps/ or inside it (the sources)'],
    ['a team folder', (root: string) => join(root, 'apps/shop'), 'is apps/ or inside it (the sources)'],
    ['lib/', (root: string) => join(root, 'lib'), 'is lib/ or inside it (the sources)'],
  ])('refuses --out %s with exit 2, naming the folder and the fix, and writes nothing', (_, out, why) => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'lib/keep.ts': 'export {};\n' });
    const before = snapshot(root);
    const { code, stderr } = synth(root, '--out', out(root));
    expect(code).toBe(2);
    expect(stderr).toContain(`error: --out '${out(root)}': ${why}`);
    expect(stderr).toContain('Fix: pass a folder of its own for the output');
    expect(snapshot(root)).toEqual(before);
  });

  test('refuses a folder with hand-made files (exit 2) and replaces an empty one', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'docs/guide.md': '# guide\n' });
    const before = snapshot(root);
    const refused = synth(root, '--out', join(root, 'docs'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `--out '${join(root, 'docs')}': synth did not write this folder (no .platform-synth file, and 'guide.md' is not a generated file)`,
    );
    expect(snapshot(root)).toEqual(before);

    mkdirSync(join(root, 'out'));
    expect(synth(root, '--out', join(root, 'out')).code).toBe(0);
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['.platform-synth', 'catalog', 'dev', 'prod']);
    // Its own output, marked, is replaced on the next synth.
    expect(synth(root, '--out', join(root, 'out')).code).toBe(0);
  });

  test('accepts a dist/ written before the marker (generated files only) once, and marks it', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    expect(synth(root).code).toBe(0);
    const marker = join(root, 'dist/.platform-synth');
    rmSync(marker);
    expect(synth(root).code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toContain("Written by 'platform synth'");
  });

  test('a read-only folder in the old dist/ fails the synth before the swap: exit 1, dist/ as it was, nothing beside it', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    expect(synth(root).code).toBe(0);
    writeFileSync(join(root, 'apps/shop/api.ts'), webApp('api'));
    const before = snapshot(join(root, 'dist'));
    chmodSync(join(root, 'dist/prod/shop'), 0o555);
    try {
      const { code, stderr } = synth(root);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `error: ${join(root, 'dist/prod/shop')}: this folder is read-only or not ours, so the old tree could not be deleted after the swap; nothing was written. Fix: make it writable (chmod -R u+w ${join(root, 'dist')}) or remove the old tree yourself, then synth again\n`,
      );
      expect(snapshot(join(root, 'dist'))).toEqual(before);
      expect(readdirSync(root).sort()).toEqual(['apps', 'dist']);
    } finally {
      chmodSync(join(root, 'dist/prod/shop'), 0o755);
    }
  });

  test('finishes a write stopped between its two renames before anything else, and says so', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    expect(synth(root).code).toBe(0);
    const good = snapshot(join(root, 'dist'));
    renameSync(join(root, 'dist'), join(root, '.dist-old-1-ab'));
    mkdirSync(join(root, '.dist-new-1-ab'));
    // Broken sources: the synth fails, but only after the recovery, which stands.
    writeFileSync(join(root, 'apps/shop/bad.ts'), webApp('bad', 'shop', 'port: 70000'));
    const { code, stderr } = synth(root);
    expect(code).toBe(1);
    expect(stderr).toContain(`synth: restored ${join(root, 'dist')} from .dist-old-1-ab (a synth was stopped between its two renames)\n`);
    expect(stderr).toContain('synth: removed .dist-new-1-ab (the unfinished tree of a stopped synth)\n');
    expect(snapshot(join(root, 'dist'))).toEqual(good);
    expect(readdirSync(root).sort()).toEqual(['apps', 'dist']);
  });
});
