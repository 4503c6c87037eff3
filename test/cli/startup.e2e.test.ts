import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';
import { backdate, LIB, tempRepo, webApp, writeFiles } from '../fixtures/temp-repo';

const BIN = join(__dirname, '../../bin/platform');

/** The files under node_modules/ or imports/ a `platform` process loaded, by package or folder (and the schema validators as `validators`). */
function loaded(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  // Prints require.cache at exit: what the command loaded, whatever it did.
  const probe = `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));`;
  const result = spawnSync(
    process.execPath,
    ['-e', `${probe} process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)});`, '--', ...args],
    {
      encoding: 'utf8',
      env,
    },
  );
  const line = result.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (line === undefined) throw new Error(`no module list: ${result.stderr}`);
  const parts = (JSON.parse(line.slice('LOADED '.length)) as string[]).map((f) =>
    /node_modules\/((?:@[^/]+\/)?[^/]+)|\/(imports)\/|-(validators)\.js$/.exec(f)?.slice(1).find(Boolean),
  );
  return [...new Set(parts.filter((p): p is string => p !== undefined))].sort();
}

describe('start-up: a command loads only what it needs', () => {
  test('--help and a command --help load commander and the TypeScript loader, not cdk8s or the CRD imports', () => {
    expect(loaded(['--help'])).toEqual(['commander', 'esbuild']);
    expect(loaded(['set-image', '--help'])).toEqual(['commander', 'esbuild']);
  });

  test('a warm synth whose every rendering is a hit loads neither cdk8s nor the CRD imports nor the validators, even for an app with customize or after an edit undone', () => {
    const root = tempRepo({
      'apps/shop/web.ts': `import { goldenPath, JsonPatch } from '${LIB}';
import * as crds from '${LIB}/api/crds';
const { webService } = goldenPath([]);
export default webService({
  name: 'web',
  team: 'shop',
  image: 'ghcr.io/acme/web:1.0.0',
  customize: (stack) => {
    stack.deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    new crds.PodMonitor(stack, 'pods', { spec: { selector: {}, podMetricsEndpoints: [{ port: 'http' }] } });
  },
});
`,
      'apps/shop/api.ts': webApp('api'),
    });
    backdate(root, ['apps/shop/web.ts', 'apps/shop/api.ts']);
    const env = { ...process.env, PLATFORM_CACHE_DIR: tempDir() };
    const cold = loaded(['--root', root, 'synth'], env);
    expect(cold).toEqual(expect.arrayContaining(['cdk8s', 'cdk8s-plus-28', 'imports', 'validators']));
    // What remains reads apps/releases.yaml: yaml, and the ajv runtime helper of its precompiled validator.
    const warm = ['ajv', 'commander', 'esbuild', 'yaml'];
    expect(loaded(['--root', root, 'synth'], env)).toEqual(warm);
    // An edit renders its app; undone, every rendering and every environment's platform files are hits again
    // (the platform's files are kept under a key of what they read of the apps, which the edit left as it was).
    writeFiles(root, { 'apps/shop/api.ts': webApp('api', 'shop', "description: 'An edit.'") });
    backdate(root, ['apps/shop/api.ts']);
    expect(loaded(['--root', root, 'synth'], env)).toEqual(expect.arrayContaining(['cdk8s', 'cdk8s-plus-28']));
    writeFiles(root, { 'apps/shop/api.ts': webApp('api') });
    backdate(root, ['apps/shop/api.ts']);
    expect(loaded(['--root', root, 'synth'], env)).toEqual(warm);
  });
});
