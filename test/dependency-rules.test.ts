import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Runs the repository's .dependency-cruiser.cjs, as `npm run lint:deps` does, on two small trees
// written to a temporary folder: proof that each rule fails a wrong import and names itself,
// and lets a right one pass. (One run per tree: a run takes seconds.)
const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  try {
    files = { 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node' } }), ...files };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const run = spawnSync(process.execPath, [DEPCRUISE, '.', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a tree that imports only downwards', () => {
  const result = cruise({
    'apps/platform.ts': "export * from '../lib/index';\n",
    'apps/shop/checkout.ts': "import { service } from '../platform';\nexport default service;\n",
    'lib/index.ts': "export { service } from './stacks/web-service';\n",
    'lib/stacks/web-service.ts':
      "import { probe } from '../workload/probes';\nimport { monitor } from '../monitoring/service-monitor';\nexport const service = [probe, monitor];\n",
    'lib/workload/probes.ts': "import { name } from '../internal/names';\nexport const probe = name;\n",
    'lib/monitoring/service-monitor.ts': "import { ServiceMonitor } from '../../imports/servicemonitor';\nexport const monitor = ServiceMonitor;\n",
    'imports/servicemonitor.ts': 'export class ServiceMonitor {}\n',
    'lib/internal/names.ts': "export const name = 'checkout';\n",
    'test/probes.test.ts': "import { probe } from '../lib/workload/probes';\nexport const p = probe;\n",
  });

  test('passes', () => {
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });
});

describe('a tree with one wrong import per rule', () => {
  const result = cruise({
    // up the layers
    'lib/workload/probes.ts': "import { service } from '../stacks/web-service';\nexport const probe = service;\n",
    'lib/stacks/web-service.ts': "export const service = 'checkout';\n",
    // the lowest layer naming the model
    'lib/internal/metadata.ts': "import type { ResolvedApp } from '../model/resolved-app';\nexport type Meta = ResolvedApp;\n",
    'lib/model/resolved-app.ts': 'export interface ResolvedApp { readonly name: string }\n',
    // a construct reading a platform default
    'lib/network/service.ts': "import { PLATFORM_DEFAULTS } from '../environments/platform-defaults';\nexport const port = PLATFORM_DEFAULTS;\n",
    'lib/environments/platform-defaults.ts': 'export const PLATFORM_DEFAULTS = 8080;\n',
    // a cycle inside one folder, through types only
    'lib/model/app-definition.ts': "import type { Dependency } from './dependency';\nexport interface AppDefinition { readonly dependsOn: Dependency[] }\n",
    'lib/model/dependency.ts': "import type { AppDefinition } from './app-definition';\nexport interface Dependency { readonly app: AppDefinition }\n",
    'lib/policy/plugin.js': "require('../../bin/register-ts');\n",
    'bin/register-ts.js': 'module.exports = {};\n',
    'scripts/promtool-rules.ts': "import { FIXTURES } from '../test/fixtures';\nexport const all = FIXTURES;\n",
    'test/fixtures.ts': 'export const FIXTURES = [];\n',
    'lib/cli/main.ts': "import { x } from '../extras/x';\nexport const main = x;\n",
    'lib/extras/x.ts': 'export const x = 1;\n',
    'lib/stacks/worker.ts': "import { ServiceMonitor } from '../../imports/servicemonitor';\nexport const w = ServiceMonitor;\n",
    'lib/monitoring/service-monitor.ts': "import { ServiceMonitor } from '../../imports/servicemonitor';\nexport const m = ServiceMonitor;\n",
    'imports/servicemonitor.ts': 'export class ServiceMonitor {}\n',
    'apps/shop/checkout.ts': "import { w } from '../../lib/stacks/worker';\nexport default w;\n",
  });

  test('fails', () => expect(result.status).not.toBe(0));
  test.each([
    ['an import up the layers', 'error layer-workload: lib/workload/probes.ts → lib/stacks/web-service.ts'],
    ['lib/internal naming the model', 'error layer-internal: lib/internal/metadata.ts → lib/model/resolved-app.ts'],
    ['a construct reading lib/environments', 'error constructs-read-resolved-values: lib/network/service.ts → lib/environments/platform-defaults.ts'],
    ['a cycle', 'error no-circular: lib/model/app-definition.ts →'],
    ['lib requiring bin', 'error lib-never-requires-bin: lib/policy/plugin.js → bin/register-ts.js'],
    ['a script importing a test', 'error scripts-never-import-tests: scripts/promtool-rules.ts → test/fixtures.ts'],
    ['a folder without a layer', 'error lib-folder-has-a-layer: lib/cli/main.ts → lib/extras/x.ts'],
    ['a module that wraps no CRD importing imports/', 'error only-crd-wrappers-import-imports: lib/stacks/worker.ts → imports/servicemonitor.ts'],
    ['an app importing past the entry points', 'error apps-use-lib-entry-points: apps/shop/checkout.ts → lib/stacks/worker.ts'],
  ])('names the rule for %s', (_, line) => expect(result.output).toContain(line));

  test('lets a CRD wrapper import imports/', () => {
    expect(result.output).not.toContain('lib/monitoring/service-monitor.ts → imports/servicemonitor.ts');
  });
});
