import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readPack, writePack } from '../../lib/pipeline/cache/pack-file';
import { tempDir } from '../fixtures/temp-dir';

const REGISTER = join(__dirname, '..', '..', 'lib', 'internal', 'register-ts.js');
const PACK_FILE = join(__dirname, '..', '..', 'lib', 'pipeline', 'cache', 'pack-file.ts');

/** A process writing the pack `rounds` times, each time `entries` entries of about 100 KB, all marked `writer`. */
function writer(file: string, writer: number, rounds: number, entries: number): Promise<number | null> {
  const script = `
    const { writePack } = require(${JSON.stringify(PACK_FILE)});
    for (let round = 0; round < ${rounds}; round++) {
      const entries = [];
      for (let i = 0; i < ${entries}; i++) entries.push({ key: 'k' + i, used: ${writer}, manifests: JSON.stringify(['${writer}'.repeat(50000)]), text: '${writer}'.repeat(50000) });
      writePack(${JSON.stringify(file)}, entries);
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, '-e', script], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

describe('pack files written concurrently', () => {
  test('two processes rewriting one pack while it is read: every read is one whole pack of one writer, never half of one', async () => {
    const dir = tempDir();
    const file = join(dir, 'dev', 'shop.pack');
    writePack(file, [{ key: 'k0', used: 0, manifests: '[]', text: '' }]);
    let done = 0;
    const writers = [writer(file, 1, 30, 8), writer(file, 2, 30, 8)].map((p) => p.finally(() => done++));
    const seen = new Set<number>();
    let reads = 0;
    while (done < 2) {
      const pack = readPack(file);
      expect(pack).toBeDefined();
      const marks = new Set([...pack!.values()].map((e) => e.used));
      // One writer's pack whole: all its entries, each holding only its own mark.
      expect(marks.size).toBe(1);
      const [mark] = marks;
      seen.add(mark);
      if (mark !== 0) {
        expect(pack!.size).toBe(8);
        for (const entry of pack!.values()) expect(entry.text.toString()).toBe(String(mark).repeat(50000));
      }
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await Promise.all(writers)).toEqual([0, 0]);
    expect(reads).toBeGreaterThan(1);
    // The last rename won whole.
    expect([...readPack(file)!.values()].map((e) => e.used).filter((m) => m !== 1 && m !== 2)).toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
  }, 120_000);
});
