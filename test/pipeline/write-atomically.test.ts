import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../../lib/pipeline/cache/write-atomically';
import { tempDir } from '../fixtures/temp-dir';

describe('writeAtomically', () => {
  test('writes the parts in order into the file, creating its folder, and leaves nothing beside it', () => {
    const dir = tempDir();
    const file = join(dir, 'dev', 'shop.pack');
    writeAtomically(file, ['{"format":1}\n', Buffer.from('body'), '']);
    expect(readFileSync(file, 'utf8')).toBe('{"format":1}\nbody');
    writeAtomically(file, ['new']);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'dev'))).toEqual(['shop.pack']);
  });

  test('throws when the rename fails and removes its temporary file, leaving what was there', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken', 'inside'), { recursive: true });
    expect(() => writeAtomically(join(dir, 'taken'), ['text'])).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['inside']);
  });
});
