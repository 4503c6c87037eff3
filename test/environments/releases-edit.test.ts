import { setPin } from '../../lib/environments/releases-edit';

const FILE = [
  '# yaml-language-server: $schema=../lib/environments/releases.schema.json',
  '# Image pins.',
  'payments:',
  '  gateway:',
  '    dev: 3.3.0   # release candidate',
  '    prod: "3.10"',
  'shop:',
  '  # the storefront',
  '  web:',
  '    dev: 2.15.0',
  '    staging: 2.14.1',
  '    prod: 2.14.1',
  '',
].join('\n');

/** Lines that differ between two texts, as [before, after] pairs (same line count assumed for replace). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, i) => line !== a[i] || a.length !== b.length).filter((line) => !a.includes(line));
}

describe('setPin', () => {
  test('replaces an existing pin and changes no other byte', () => {
    const after = setPin(FILE, ['shop', 'web', 'prod'], '2.15.0');
    expect(after).toBe(FILE.replace('    prod: 2.14.1', '    prod: 2.15.0'));
  });

  test('keeps a trailing comment on the edited line', () => {
    expect(setPin(FILE, ['payments', 'gateway', 'dev'], '3.4.0')).toBe(FILE.replace('dev: 3.3.0   #', 'dev: 3.4.0   #'));
  });

  test('quotes a tag that YAML would read as a number', () => {
    expect(setPin(FILE, ['payments', 'gateway', 'prod'], '3.20')).toBe(FILE.replace('prod: "3.10"', 'prod: "3.20"'));
  });

  test('adds a missing environment as one new line under the app', () => {
    const after = setPin(FILE, ['payments', 'gateway', 'staging'], '3.2.0');
    expect(after).toBe(FILE.replace('    prod: "3.10"\n', '    prod: "3.10"\n    staging: 3.2.0\n'));
    expect(changedLines(FILE, after)).toEqual(['    staging: 3.2.0']);
  });

  test('adds a missing app under its team', () => {
    const after = setPin(FILE, ['shop', 'cart', 'dev'], '0.1.0');
    expect(after).toBe(`${FILE}  cart:\n    dev: 0.1.0\n`);
  });

  test('adds a missing team at the end', () => {
    expect(setPin(FILE, ['ops', 'api', 'dev'], '1.0.0')).toBe(`${FILE}ops:\n  api:\n    dev: 1.0.0\n`);
  });

  test('writes a digest pin quoted (a plain scalar cannot start with @)', () => {
    const digest = `@sha256:${'0'.repeat(64)}`;
    expect(setPin(FILE, ['shop', 'web', 'dev'], digest)).toBe(FILE.replace('dev: 2.15.0', `dev: "${digest}"`));
  });

  test('edits a flow-style map in place', () => {
    const text = '# pins\nshop: { web: { dev: 1.0.0 } }   # compact\n';
    expect(setPin(text, ['shop', 'web', 'prod'], '1.0.0')).toBe('# pins\nshop: { web: { dev: 1.0.0, prod: 1.0.0 } }   # compact\n');
  });

  test('starts an empty file', () => {
    expect(setPin('', ['shop', 'web', 'dev'], '1.0.0')).toBe('shop:\n  web:\n    dev: 1.0.0\n');
  });
});
