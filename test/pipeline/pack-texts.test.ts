import { renameSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFleet } from '../../bench/fleet';
import { readPack, writePack } from '../../lib/pipeline/cache/pack-file';
import { PackTexts } from '../../lib/pipeline/cache/pack-texts';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { render } from '../../lib/pipeline/synthesize';
import { tempDir } from '../fixtures/temp-dir';

const ENTRIES = [
  { key: 'k1', used: 1000, manifests: '[{"kind":"Service"}]', text: 'kind: Service\nname: é\n' },
  { key: 'k2', used: 2000, manifests: '[]', text: 'kind: ConfigMap\n' },
];

/** A hit's file text is read back from its pack when layout writes it, never from another state of the file than the one verified. */
describe('pack texts', () => {
  test('reads each text from the pack as it was read, also after a touch through the same descriptor', () => {
    const file = join(tempDir(), 'dev', 'shop.pack');
    writePack(file, ENTRIES);
    const touched = new Date('2026-01-02T03:04:05Z');
    const read = readPack(file, touched)!;
    expect(statSync(file).mtime).toEqual(touched);
    const texts = new PackTexts();
    expect(texts.read(read.get('k2')!.textAt)).toBe('kind: ConfigMap\n');
    expect(texts.read(read.get('k1')!.textAt)).toBe('kind: Service\nname: é\n');
    texts.close();
  });

  test('texts of any length read one after another come back whole, through one reused buffer', () => {
    const file = join(tempDir(), 'shop.pack');
    const long = `data: ${'é'.repeat(70 * 1024)}\n`;
    writePack(file, [
      { key: 'a', used: 1, manifests: '[]', text: long },
      { key: 'b', used: 1, manifests: '[]', text: 'kind: Service\n' },
      { key: 'c', used: 1, manifests: '[]', text: `${long}more\n` },
    ]);
    const read = readPack(file)!;
    const texts = new PackTexts();
    expect(['b', 'a', 'b', 'c', 'b'].map((key) => texts.read(read.get(key)!.textAt))).toEqual([
      'kind: Service\n',
      long,
      'kind: Service\n',
      `${long}more\n`,
      'kind: Service\n',
    ]);
    texts.close();
  });

  test('a pack replaced since it was read (touched, or renamed over) is read again whole, and the text taken by key; none when that fails too', () => {
    const dir = tempDir();
    const file = join(dir, 'shop.pack');
    writePack(file, ENTRIES);
    const ref = readPack(file)!.get('k1')!.textAt;
    // The same bytes renamed over it (another synth stored the same entries): a new file, the same entry.
    const copy = join(dir, 'copy');
    writeFileSync(copy, readFileSync(file));
    renameSync(copy, file);
    expect(new PackTexts().read(ref)).toBe('kind: Service\nname: é\n');
    // Another synth stored other entries at the same offsets: the entry of the key, not the bytes at the offset.
    writePack(
      file,
      [ENTRIES[1], { ...ENTRIES[0], text: 'kind: Service\nname: é\n' }].map((e, i) => ({ ...e, key: `k${2 - i}` })),
    );
    expect(new PackTexts().read(ref)).toBe('kind: Service\nname: é\n');
    writePack(file, [ENTRIES[1]]);
    expect(new PackTexts().read(ref)).toBeUndefined();

    writePack(file, ENTRIES);
    const touched = readPack(file)!.get('k2')!.textAt;
    readPack(file, new Date('2026-01-02T03:04:05Z'));
    expect(new PackTexts().read(touched)).toBe('kind: ConfigMap\n');
    writeFileSync(file, readFileSync(file).subarray(0, touched.at));
    expect(new PackTexts().read(touched)).toBeUndefined();
    expect(new PackTexts().read({ ...touched, file: join(dir, 'gone.pack') })).toBeUndefined();
  });

  test("hits' texts come from their packs; one that cannot be read back is emitted from its objects: a warm synth's bytes are still those of no cache", () => {
    const { apps, environments, gitops } = generateFleet({ apps: 8, seed: 2 });
    const input = { apps, environments, gitops };
    const dir = tempDir();
    const cold = new RenderCache({ dir, code: 'code-1' });
    cold.store(render({ ...input, cache: cold }).files);
    const through = jest.spyOn(PackTexts.prototype, 'read');
    render({ ...input, cache: new RenderCache({ dir, code: 'code-1' }) });
    // Every hit's text comes from its pack, as stored (emitting it again would be the slow path).
    expect(through.mock.results.map((r) => typeof r.value)).toEqual(Array(24).fill('string'));
    through.mockRestore();
    const read = jest.spyOn(PackTexts.prototype, 'read').mockReturnValue(undefined);
    try {
      const warm = new RenderCache({ dir, code: 'code-1' });
      const { files } = render({ ...input, cache: warm });
      expect(warm.stats.hits).toBe(24);
      expect(read).toHaveBeenCalledTimes(24);
      expect(files).toEqual(render(input).files);
    } finally {
      read.mockRestore();
    }
  });
});
