import { CONFIG_MAP_MAX_BYTES, fileNameProblem } from '../../lib/environments/resolve-config-files';
import { resolve, taskDef, testEnvironment, webDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

const YAML = 'timeout: 10s\nretries: 3\n';

describe('resolveConfigFiles', () => {
  test('has no config files when the app declares none, or an empty record', () => {
    expect(resolve(webDef()).configFiles).toBeUndefined();
    expect(resolve(webDef({ configFiles: {} })).configFiles).toBeUndefined();
  });

  test('keeps each file, sorted by name, byte for byte', () => {
    const app = resolve(webDef({ configFiles: { 'rules.json': '{"a":1}', 'checkout.yaml': YAML } }));
    expect(app.configFiles).toEqual({ 'checkout.yaml': YAML, 'rules.json': '{"a":1}' });
    expect(Object.keys(app.configFiles!)).toEqual(['checkout.yaml', 'rules.json']);
  });

  test("merges the override's files over the app's, file by file, in that environment only", () => {
    const def = webDef({
      configFiles: { 'checkout.yaml': YAML, 'rules.json': '{}' },
      environments: { dev: { configFiles: { 'checkout.yaml': 'timeout: 60s\n', 'debug.yaml': 'trace: true\n' } } },
    });
    const dev = resolve(def, testEnvironment({ name: 'dev' }));
    expect(dev.configFiles).toEqual({ 'checkout.yaml': 'timeout: 60s\n', 'debug.yaml': 'trace: true\n', 'rules.json': '{}' });
    expect(dev.provenance['configFiles.checkout.yaml']).toBe('override');
    expect(dev.provenance['configFiles.rules.json']).toBe('app');
    expect(resolve(def).configFiles).toEqual({ 'checkout.yaml': YAML, 'rules.json': '{}' });
  });

  test('shows a size and digest in platform explain, not the content', () => {
    const setting = resolve(webDef({ configFiles: { 'checkout.yaml': YAML } })).settings['configFiles.checkout.yaml'];
    expect(setting).toMatch(/^24 bytes, sha256 [0-9a-f]{12}$/);
    expect(setting).not.toContain('timeout');
  });

  test('gives scheduled tasks config files too, and accepts an empty file', () => {
    expect(resolve(taskDef({ configFiles: { 'empty.conf': '' } })).configFiles).toEqual({ 'empty.conf': '' });
  });

  test.each([
    ['a folder', 'conf/checkout.yaml'],
    ['a parent reference', '..data'],
    ['a space', 'check out.yaml'],
  ])('fails on a file name with %s', (_what, name) => {
    expectOnlyProblem(() => resolve(webDef({ configFiles: { [name]: YAML } })), {
      code: 'E_FILE_NAME',
      field: `configFiles.${name}`,
      value: name,
      fix: "e.g. 'checkout.yaml'",
    });
  });

  test("names the override's field for an override's bad file name", () => {
    expectOnlyProblem(() => resolve(webDef({ environments: { prod: { configFiles: { 'a/b': YAML } } } })), {
      code: 'E_FILE_NAME',
      field: 'environments.prod.configFiles.a/b',
      value: 'a/b',
      fix: 'plain file name',
    });
  });

  test('fails on content that is not a string', () => {
    expectOnlyProblem(() => resolve(webDef({ configFiles: { 'checkout.yaml': { timeout: '10s' } as never } })), {
      code: 'E_CONFIG_FILE',
      field: 'configFiles.checkout.yaml',
      value: 'object',
      fix: 'readFileSync',
    });
  });

  test('fails when the files are more than a ConfigMap can hold', () => {
    const big = 'x'.repeat(CONFIG_MAP_MAX_BYTES / 2);
    expectOnlyProblem(() => resolve(webDef({ configFiles: { 'a.txt': big, 'b.txt': big } })), {
      code: 'E_CONFIG_FILES_SIZE',
      field: 'configFiles',
      value: `${CONFIG_MAP_MAX_BYTES + 10} bytes`,
      message: 'at most 1048576 bytes',
      fix: 'in the image',
    });
    // Just under the limit is accepted, content intact.
    expect(resolve(webDef({ configFiles: { 'a.txt': big.slice(10) } })).configFiles?.['a.txt']).toHaveLength(big.length - 10);
  });
});

describe('fileNameProblem', () => {
  test.each(['checkout.yaml', 'tls.crt', '.env', 'a_b-c.d', 'X'])("accepts '%s'", (name) => {
    expect(fileNameProblem(name)).toBeUndefined();
  });

  test.each([
    ['an empty name', ''],
    ["'.'", '.'],
    ["'..'", '..'],
    ["a name starting with '..'", '..data'],
    ['a folder', 'a/b'],
    ['a space', 'a b'],
    ['a non-ASCII letter', 'ü.txt'],
    ['254 characters', 'x'.repeat(254)],
  ])('refuses %s', (_what, name) => {
    expect(fileNameProblem(name)).toEqual(expect.any(String));
  });
});
