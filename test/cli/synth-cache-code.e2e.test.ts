import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';
import { backdate, LIB, tempRepo, writeFiles } from '../fixtures/temp-repo';

const BIN = join(__dirname, '../../bin/platform');

/** An app whose customize runs code from the app file and from a helper module beside it. */
const appFile = (body: string) => `import { goldenPath, JsonPatch } from '${LIB}';
import { LIMIT } from './helpers/limits';
const { webService } = goldenPath([]);
export default webService({
  name: 'web',
  team: 'shop',
  image: 'ghcr.io/acme/web:1.0.0',
  customize: (stack) => stack.deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', ${body})),
});
`;

/** `platform synth` as its own process (each run loads the files as they are on disk); returns the summary line. */
function synth(root: string, cache: string): string {
  const result = spawnSync(process.execPath, [BIN, '--root', root, 'synth'], { encoding: 'utf8', env: { ...process.env, PLATFORM_CACHE_DIR: cache } });
  if (result.status !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return result.stdout;
}

/** Writes files as an edit long before the synth would: see `backdate`. */
function edit(root: string, files: Record<string, string>): void {
  writeFiles(root, files);
  backdate(root, Object.keys(files));
}

const limitIn = (root: string) => /revisionHistoryLimit: (\d+)/.exec(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8'))?.[1];

describe('platform synth: an app whose customize is code is cached by the source it runs', () => {
  test('an unchanged file is a hit; an edit of the customize body or of a module it imports is a miss and changes the output', () => {
    const root = tempRepo({});
    edit(root, { 'apps/shop/web.ts': appFile('LIMIT'), 'apps/shop/helpers/limits.ts': 'export const LIMIT = 5;\n' });
    const cache = tempDir();
    expect(synth(root, cache)).toContain(', 0 of 2 app renderings from the cache');
    expect(limitIn(root)).toBe('5');
    const first = readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8');
    expect(synth(root, cache)).toContain(', 2 of 2 app renderings from the cache');
    expect(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8')).toBe(first);

    edit(root, { 'apps/shop/helpers/limits.ts': 'export const LIMIT = 7;\n' });
    expect(synth(root, cache)).toContain(', 0 of 2 app renderings from the cache');
    expect(limitIn(root)).toBe('7');
    expect(synth(root, cache)).toContain(', 2 of 2 app renderings from the cache');

    edit(root, { 'apps/shop/web.ts': appFile('LIMIT + 1') });
    expect(synth(root, cache)).toContain(', 0 of 2 app renderings from the cache');
    expect(limitIn(root)).toBe('8');
    expect(synth(root, cache)).toContain(', 2 of 2 app renderings from the cache');
    expect(limitIn(root)).toBe('8');

    // Modified within two seconds of the synth's start (as a coarse clock could hide an edit made during the run): rendered, not cached.
    writeFiles(root, { 'apps/shop/helpers/limits.ts': 'export const LIMIT = 9;\n' });
    expect(synth(root, cache)).toContain(', 0 of 2 app renderings from the cache');
    expect(limitIn(root)).toBe('10');
    expect(synth(root, cache)).toContain(', 0 of 2 app renderings from the cache');
  });
});
