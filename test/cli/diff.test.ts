import { join } from 'node:path';
import { diffCommand } from '../../lib/cli/commands/diff';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { COMMENT_MARKER } from '../../lib/review/format-markdown';
import { tempRepo, webApp, writeFiles } from '../fixtures/temp-repo';

jest.setTimeout(120_000);

/** Two rendered trees of a small fleet: before, and after giving `web` a second replica in prod and a capability. */
function twoFolders(): { before: string; after: string; root: string } {
  const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
  const before = join(root, 'before');
  const after = join(root, 'after');
  expect(main(['--root', root, 'synth', '--out', before], bufferIo())).toBe(0);
  writeFiles(root, { 'apps/shop/web2.ts': webApp('web2', 'shop', 'security: { bindPrivilegedPorts: true }') });
  expect(main(['--root', root, 'synth', '--out', after], bufferIo())).toBe(0);
  return { before, after, root };
}

describe('platform diff <before-dir> <after-dir> (in-process)', () => {
  const { before, after, root } = twoFolders();

  test("compares two rendered folders, in the environments' order, with the risks", () => {
    const io = bufferIo();
    expect(diffCommand({ root, folders: [before, after] }, io)).toBe(0);
    const text = io.stdout();
    expect(text.split('\n')[0]).toBe(`platform diff: ${before} [folder] -> ${after} [folder]`);
    expect(text).toContain("    dev, prod  shop/web2  Deployment shop/web2: container 'web2': adds capabilities NET_BIND_SERVICE\n");
    expect(text.indexOf('\ndev (')).toBeLessThan(text.indexOf('\nprod ('));
    expect(text).toContain('    + Deployment shop/web2 (new)\n');
  });

  test('gives JSON and Markdown', () => {
    const json = bufferIo();
    expect(main(['--root', root, 'diff', before, after, '--format', 'json'], json)).toBe(0);
    const report = JSON.parse(json.stdout());
    expect(report.risks.filter((r: { rule: string }) => r.rule === 'capacity/requests').map((r: { environment: string }) => r.environment)).toEqual([
      'dev',
      'prod',
    ]);
    const md = bufferIo();
    expect(main(['--root', root, 'diff', before, after, '--format', 'markdown'], md)).toBe(0);
    expect(md.stdout().startsWith(COMMENT_MARKER)).toBe(true);
  });

  test('exits 2 on one folder, on folders with --base, and on an unknown format', () => {
    for (const [args, message] of [
      [[before], 'diff takes two folders (before and after), got 1'],
      [[before, after, '--base', 'main'], 'diff takes either two folders or --base <ref>'],
      [[before, after, '--format', 'html'], "--format 'html' is not a format (known: text, markdown, json)"],
      [[before, join(root, 'nope')], `'${join(root, 'nope')}' is not a folder`],
    ] as const) {
      const io = bufferIo();
      expect(main(['--root', root, 'diff', ...args], io)).toBe(2);
      expect(io.stderr()).toContain(message);
    }
  });
});
