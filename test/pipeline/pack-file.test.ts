import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { readPack, writePack } from '../../lib/pipeline/cache/pack-file';
import { tempDir } from '../fixtures/temp-dir';

const ENTRIES = [
  { key: 'k1', used: 1000, manifests: '[{"kind":"Service"}]', text: 'kind: Service\nname: é\n', checks: '{"schema":[[]]}' },
  { key: 'k2', used: 2000, customization: { added: ['ConfigMap/x'] }, manifests: Buffer.from('[]'), text: '' },
];

describe('pack files', () => {
  test('give back every entry as written: its parts byte for byte, its mark and customization, no checks when none were stored', () => {
    const file = join(tempDir(), 'dev', 'shop.pack');
    writePack(file, ENTRIES);
    const read = readPack(file)!;
    expect([...read.keys()]).toEqual(['k1', 'k2']);
    const k1 = read.get('k1')!;
    expect([k1.used, k1.manifests.toString(), k1.text.toString(), k1.checks?.toString(), k1.customization]).toEqual([
      1000,
      '[{"kind":"Service"}]',
      'kind: Service\nname: é\n',
      '{"schema":[[]]}',
      undefined,
    ]);
    const k2 = read.get('k2')!;
    expect([k2.used, k2.manifests.toString(), k2.text.toString(), k2.checks, k2.customization]).toEqual([
      2000,
      '[]',
      '',
      undefined,
      { added: ['ConfigMap/x'] },
    ]);
  });

  test("an entry's text may be the file it is in (an app's file in dist/), copied byte for byte", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shop.yaml'), 'kind: Service\nname: é\n');
    writePack(join(dir, 'from-file.pack'), [{ ...ENTRIES[0], text: { file: join(dir, 'shop.yaml') } }, ENTRIES[1]]);
    writePack(join(dir, 'from-text.pack'), ENTRIES);
    expect(readFileSync(join(dir, 'from-file.pack')).equals(readFileSync(join(dir, 'from-text.pack')))).toBe(true);
    expect(readPack(join(dir, 'from-file.pack'))?.get('k1')?.text.toString()).toBe('kind: Service\nname: é\n');
  });

  test('entries are taken one at a time, each written before the next is made, and the header comes last', () => {
    const dir = tempDir();
    const seen: string[] = [];
    function* made() {
      yield ENTRIES[0];
      // The first entry is in the temporary file already: nothing of a pack is held but the entry being written.
      const [temp] = readdirSync(dir);
      seen.push(readFileSync(join(dir, temp), 'utf8'));
      yield ENTRIES[1];
    }
    writePack(join(dir, 'shop.pack'), made());
    expect(seen).toEqual(['[{"kind":"Service"}]kind: Service\nname: é\n{"schema":[[]]}']);
    expect(readFileSync(join(dir, 'shop.pack'), 'utf8')).toMatch(
      /^\[\{"kind":"Service"\}\]kind: Service\nname: é\n\{"schema":\[\[\]\]\}\[\]\n\{"format":"golden-path-pack\/5","bytes":60,"sum":"/,
    );
  });

  test('a pack cut short anywhere, or with bytes after its end, reads as no pack at all', () => {
    const file = join(tempDir(), 'shop.pack');
    writePack(file, ENTRIES);
    const whole = readFileSync(file);
    for (let length = 0; length < whole.length; length++) {
      writeFileSync(file, whole.subarray(0, length));
      expect({ length, pack: readPack(file) }).toEqual({ length, pack: undefined });
    }
    writeFileSync(file, Buffer.concat([whole, Buffer.from('x')]));
    expect(readPack(file)).toBeUndefined();
  });

  test('a pack of the right length whose bytes changed (blocks lost in a crash) reads as no pack, though its objects still parse', () => {
    const file = join(tempDir(), 'shop.pack');
    writePack(file, ENTRIES);
    const bytes = readFileSync(file);
    // Zero the start of k1's YAML text: its objects (JSON) are untouched and would still parse.
    const at = bytes.indexOf('kind: Service');
    bytes.fill(0, at, at + 4);
    writeFileSync(file, bytes);
    expect(readPack(file)).toBeUndefined();
  });

  test('a missing file, another format and a header that does not add up read as no pack', () => {
    const dir = tempDir();
    expect(readPack(join(dir, 'missing.pack'))).toBeUndefined();
    writeFileSync(join(dir, 'v2.pack'), '{"key":"k1","manifests":[],"text":""}');
    expect(readPack(join(dir, 'v2.pack'))).toBeUndefined();
    writeFileSync(join(dir, 'other.pack'), '\n{"format":"golden-path-pack/2","bytes":0,"entries":[]}\n');
    expect(readPack(join(dir, 'other.pack'))).toBeUndefined();
    writeFileSync(
      join(dir, 'lengths.pack'),
      'abcd\n{"format":"golden-path-pack/5","bytes":4,"sum":"sha256:88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589","entries":[["k1",1,[2,1,-1]]]}\n',
    );
    expect(readPack(join(dir, 'lengths.pack'))).toBeUndefined();
    writeFileSync(
      join(dir, 'negative.pack'),
      'abcd\n{"format":"golden-path-pack/5","bytes":4,"sum":"sha256:88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589","entries":[["k1",1,[-1,5,-1]]]}\n',
    );
    expect(readPack(join(dir, 'negative.pack'))).toBeUndefined();
  });

  test('a pack summed with sha256 (a Node without CRC-32 wrote it) reads; one summed with an algorithm not known, or wrongly, does not', () => {
    const dir = tempDir();
    const pack = (sum: string) => `[]ab\n{"format":"golden-path-pack/5","bytes":4,"sum":"${sum}","entries":[["k1",1,[2,2,-1]]]}\n`;
    writeFileSync(join(dir, 'sha.pack'), pack('sha256:3c192c73fd8d51829c6b20acdc43c5ea3901d41a0bb57c92100fe29adc2ae4d2'));
    expect(readPack(join(dir, 'sha.pack'))?.get('k1')?.text.toString()).toBe('ab');
    writeFileSync(join(dir, 'crc.pack'), pack('crc32:8676b0ce'));
    // Engines allow Node 20.0-20.14 and 22.0-22.1, which have no zlib.crc32: there such a pack is a miss.
    const crc32 = typeof (zlib as { crc32?: unknown }).crc32 === 'function';
    expect(readPack(join(dir, 'crc.pack'))?.get('k1')?.text.toString()).toBe(crc32 ? 'ab' : undefined);
    writeFileSync(join(dir, 'md5.pack'), pack('md5:8a4d3f3c3e57e1e62d7b2e2d4d5a8b8e'));
    expect(readPack(join(dir, 'md5.pack'))).toBeUndefined();
    writeFileSync(join(dir, 'wrong.pack'), pack('crc32:00000000'));
    expect(readPack(join(dir, 'wrong.pack'))).toBeUndefined();
  });

  test('on a Node without zlib.crc32, a pack is written with sha256 and reads back; one summed with CRC-32 is a miss', () => {
    const dir = tempDir();
    let noCrc: typeof import('../../lib/pipeline/cache/pack-file') | undefined;
    jest.isolateModules(() => {
      jest.doMock('node:zlib', () => ({ ...jest.requireActual<typeof zlib>('node:zlib'), crc32: undefined }));
      noCrc = jest.requireActual<typeof import('../../lib/pipeline/cache/pack-file')>('../../lib/pipeline/cache/pack-file');
    });
    jest.dontMock('node:zlib');
    noCrc!.writePack(join(dir, 'old-node.pack'), ENTRIES);
    expect(readFileSync(join(dir, 'old-node.pack'), 'utf8')).toMatch(
      /\n\{"format":"golden-path-pack\/5","bytes":\d+,"sum":"sha256:[0-9a-f]{64}","entries":.*\}\n$/,
    );
    expect(noCrc!.readPack(join(dir, 'old-node.pack'))?.get('k1')?.text.toString()).toBe('kind: Service\nname: é\n');
    // Read where CRC-32 is known, the sha256 sum still holds.
    expect(readPack(join(dir, 'old-node.pack'))?.get('k2')?.text.toString()).toBe('');
    writeFileSync(join(dir, 'crc.pack'), '[]ab\n{"format":"golden-path-pack/5","bytes":4,"sum":"crc32:8676b0ce","entries":[["k1",1,[2,2,-1]]]}\n');
    expect(noCrc!.readPack(join(dir, 'crc.pack'))).toBeUndefined();
  });

  test('a write that fails leaves the old pack and no temporary file', () => {
    const dir = tempDir();
    // A folder where the pack should be: the rename over it fails.
    mkdirSync(join(dir, 'shop.pack'));
    writeFileSync(join(dir, 'shop.pack', 'inside'), 'x');
    expect(() => writePack(join(dir, 'shop.pack'), ENTRIES)).toThrow();
    expect(readdirSync(dir)).toEqual(['shop.pack']);
    expect(existsSync(join(dir, 'shop.pack', 'inside'))).toBe(true);
  });
});
