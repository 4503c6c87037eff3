import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '../../bin/platform');

/** The files under node_modules/ or imports/ a `platform` process loaded, by package or folder. */
function loaded(args: readonly string[]): string[] {
  // Prints require.cache at exit: what the command loaded, whatever it did.
  const probe = `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));`;
  const result = spawnSync(
    process.execPath,
    ['-e', `${probe} process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)});`, '--', ...args],
    {
      encoding: 'utf8',
    },
  );
  const line = result.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (line === undefined) throw new Error(`no module list: ${result.stderr}`);
  const parts = (JSON.parse(line.slice('LOADED '.length)) as string[]).map((f) =>
    /node_modules\/((?:@[^/]+\/)?[^/]+)|\/(imports)\//.exec(f)?.slice(1).find(Boolean),
  );
  return [...new Set(parts.filter((p): p is string => p !== undefined))].sort();
}

describe('start-up: a command loads only what it needs', () => {
  test('--help and a command --help load commander and the TypeScript loader, not cdk8s or the CRD imports', () => {
    expect(loaded(['--help'])).toEqual(['commander', 'esbuild']);
    expect(loaded(['set-image', '--help'])).toEqual(['commander', 'esbuild']);
  });
});
