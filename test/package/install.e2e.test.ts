import { execFileSync, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The package as another repository gets it: `npm pack` (which builds build/ through `prepack`),
 * installed offline into a fresh cdk8s-style project, used from TypeScript app files that import
 * 'golden-path-platform', through the installed `platform` command and the cdk8s CLI's validation plugin.
 */
const REPO = resolve(__dirname, '../..');
jest.setTimeout(240_000);

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}
interface PackageJson {
  readonly version: string;
  readonly dependencies: Record<string, string>;
}

/**
 * A lockfile for the fresh project: the package from its tarball, and every package it (and
 * cdk8s-cli) needs at exactly the version, URL and integrity this repository's lockfile names, so
 * `npm ci --offline` finds each in the cache that `npm ci` filled here. (`npm ci` caches tarballs,
 * not registry metadata, so `npm install --offline` could not resolve a range.)
 */
function lockFor(tarball: string, extraDev: readonly string[]): object {
  const repoLock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as PackageJson;
  const packages: Record<string, LockEntry> = {};
  // Node's lookup: <from>/node_modules/<name>, then each enclosing node_modules up to the root.
  const visit = (from: string, name: string): void => {
    for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const path = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (repoLock.packages[path]) return add(path);
      if (!base) return; // an optional dependency for another platform, or an optional peer
    }
  };
  const add = (path: string): void => {
    if (packages[path]) return;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = repoLock.packages[path];
    packages[path] = entry;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) visit(path, dep);
  };
  const devDependencies = Object.fromEntries(extraDev.map((name) => [name, repoLock.packages[`node_modules/${name}`].version as string]));
  packages['node_modules/golden-path-platform'] = {
    version: pkg.version,
    resolved: `file:${tarball}`,
    license: 'Apache-2.0',
    dependencies: pkg.dependencies,
    bin: { platform: 'bin/platform' },
  };
  for (const name of [...Object.keys(pkg.dependencies), ...extraDev]) visit('', name);
  const root = { name: 'team-apps', version: '1.0.0', dependencies: { 'golden-path-platform': `file:${tarball}` }, devDependencies };
  return { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages: { '': root, ...packages } };
}

const ENVIRONMENTS = `import { Environment, Replicas } from 'golden-path-platform/platform';

export const environments = [
  { name: 'dev', cluster: 'dev-1', domain: 'dev.example.com' },
  { name: 'prod', cluster: 'prod-1', domain: 'example.com', profile: { webServiceReplicas: Replicas.fixed(2) } },
] as const satisfies readonly Environment[];
`;
const PLATFORM = `import { goldenPath } from 'golden-path-platform';
import { environments } from './environments';

export const { webService, worker, scheduledTask } = goldenPath(environments);
`;
/** Waivers may expire at most a year ahead (E_WAIVER_EXPIRES), so the fixture's moves with the clock. */
const IN_A_MONTH = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const HELLO = `import { Health, Replicas } from 'golden-path-platform';
import { webService } from '../platform';

export default webService({
  name: 'hello',
  team: 'web',
  description: 'Says hello.',
  image: 'ghcr.io/example/hello',
  port: 8080,
  health: Health.http('/ready'),
  environments: { prod: { replicas: Replicas.fixed(1) } },
  // One pod in prod is a deliberate exception, reviewed here: the plugin honours it only with definitionWaivers.
  waivers: [{ rule: 'prod-replicas', environment: 'prod', reason: 'a demo service that may be down during rollouts', owner: 'team-web', expires: '${IN_A_MONTH}' }],
});
`;
const RELEASES = 'web:\n  hello:\n    dev: 1.0.0\n    prod: 1.0.0\n';
const cdk8sYaml = (definitionWaivers: boolean): string => `language: typescript
app: npx platform synth --mirror cdk8s.out
output: cdk8s.out
validations:
  - package: ./node_modules/golden-path-platform/cdk8s-plugin.js
    version: 0.1.0
    class: GoldenPathValidation
    properties:
      definitionWaivers: ${definitionWaivers}
`;

describe('the packed package, installed in a fresh project', () => {
  let dir: string;
  let project: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'platform-package-'));
    project = join(dir, 'team-apps');
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop() as string;
    mkdirSync(join(project, 'apps', 'web'), { recursive: true });
    const tarball = `../${packed}`;
    const lock = lockFor(tarball, ['cdk8s-cli']) as { packages: { '': object } };
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...lock.packages[''], private: true }, null, 2));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock, null, 2));
    execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    writeFileSync(join(project, 'apps', 'environments.ts'), ENVIRONMENTS);
    writeFileSync(join(project, 'apps', 'platform.ts'), PLATFORM);
    writeFileSync(join(project, 'apps', 'web', 'hello.ts'), HELLO);
    writeFileSync(join(project, 'apps', 'releases.yaml'), RELEASES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (command: string, args: readonly string[]): SpawnSyncReturns<string> => spawnSync(command, args, { cwd: project, encoding: 'utf8' });

  test('ships the compiled library and no TypeScript sources', () => {
    const installed = join(project, 'node_modules', 'golden-path-platform');
    expect(readFileSync(join(installed, 'build', 'lib', 'index.d.ts'), 'utf8')).toContain('goldenPath');
    expect(() => readFileSync(join(installed, 'lib', 'index.ts'))).toThrow(/ENOENT/);
    const entries = spawnSync(
      process.execPath,
      [
        '-e',
        "for (const e of ['golden-path-platform', 'golden-path-platform/platform', 'golden-path-platform/policy', 'golden-path-platform/review', 'golden-path-platform/crds']) console.log(e, Object.keys(require(e)).sort().join(','))",
      ],
      { cwd: project, encoding: 'utf8' },
    );
    expect(entries.stdout).toContain(
      'golden-path-platform Dependency,Env,EnvFrom,Exposure,Health,JsonPatch,Peer,Replicas,Secret,Shutdown,Volume,configFilePath,goldenPath,secretFilePath\n',
    );
    expect(entries.stdout).toMatch(/golden-path-platform\/platform .*\bPLATFORM_DEFAULTS\b.*\bloadProject\b/);
    expect(entries.stdout).toMatch(/golden-path-platform\/policy .*\bGOLDEN_PATH_PACK\b.*\bGoldenPathValidation\b/);
    expect(entries.stdout).toMatch(/golden-path-platform\/review .*\bbuildReview\b.*\bdiffTrees\b/);
    expect(entries.stdout).toContain('golden-path-platform/crds PodMonitor,PrometheusRule,ScaledObject,ServiceMonitor\n');
  });

  test('platform synth renders the TypeScript app definitions into dist/', () => {
    const synth = run(join(project, 'node_modules', '.bin', 'platform'), ['synth']);
    expect(synth.status).toBe(0);
    expect(synth.stdout).toMatch(/^synthesized 1 apps? x 2 environments: /);
    expect(synth.stderr).toContain('PASSED: 0 errors, 0 warnings, 1 waived finding');
    const dev = readFileSync(join(project, 'dist', 'dev', 'web', 'hello.yaml'), 'utf8');
    expect(dev).toContain('kind: Deployment\n');
    expect(dev).toContain('image: ghcr.io/example/hello:1.0.0\n');
    expect(dev).toContain(
      '          readinessProbe:\n            failureThreshold: 3\n            httpGet:\n              path: /ready\n              port: http\n',
    );
    expect(dev).toContain('            - name: http\n              containerPort: 8080\n');
    expect(readFileSync(join(project, 'dist', 'prod', 'web', 'hello.yaml'), 'utf8')).toContain('replicas: 1\n');
  });

  test("the cdk8s CLI runs the package's validation plugin from cdk8s.yaml, with the definitions' waivers", () => {
    writeFileSync(join(project, 'cdk8s.yaml'), cdk8sYaml(true));
    const passed = run(join(project, 'node_modules', '.bin', 'cdk8s'), ['synth']);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain('Validation Report (' + join(project, 'node_modules', 'golden-path-platform', 'cdk8s-plugin.js') + '@0.1.0)');
    expect(passed.stdout).toMatch(/Status +│ success /);
    expect(passed.stdout).toMatch(/waived +│ 1 /);
    expect(readFileSync(join(project, 'cdk8s.out', 'prod', 'web', 'hello.yaml'), 'utf8')).toContain('kind: Deployment\n');
  });

  test('fails the cdk8s synth, naming the rule, when the waiver is not applied', () => {
    writeFileSync(join(project, 'cdk8s.yaml'), cdk8sYaml(false));
    const failed = run(join(project, 'node_modules', '.bin', 'cdk8s'), ['synth']);
    expect(failed.status).not.toBe(0);
    expect(`${failed.stdout}${failed.stderr}`).toContain('prod-replicas');
  });
});
