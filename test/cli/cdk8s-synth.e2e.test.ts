import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../fixtures/temp-dir';

const REPO = resolve(__dirname, '../..');

/** A copy of this repository (sources only, node_modules linked) that a test may synthesize into. */
function copyOfRepo(): string {
  const root = tempDir('platform-cdk8s-');
  for (const entry of ['lib', 'apps', 'bin', 'imports', 'cdk8s.yaml', 'cdk8s-plugin.js', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  return root;
}

describe('npx cdk8s synth', () => {
  test('renders the fleet into dist/ (and the CLI scratch folder) and keeps dist/ when the app fails', () => {
    const root = copyOfRepo();
    const cdk8s = join(root, 'node_modules/.bin/cdk8s');
    const ok = spawnSync(cdk8s, ['synth', '--check-upgrade=false'], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    // No upgrade check: nothing asks the network, so no stack trace and no banner.
    expect(ok.stderr).not.toMatch(/http error|new version/);
    const storefront = readFileSync(join(root, 'dist/prod/shop/storefront.yaml'), 'utf8');
    expect(storefront).toContain('kind: Deployment');
    expect(readFileSync(join(root, 'cdk8s.out/prod/shop/storefront.yaml'), 'utf8')).toBe(storefront);

    cpSync(join(root, 'apps/shop/storefront.ts'), join(root, 'apps/shop/broken.ts'));
    const broken = spawnSync(cdk8s, ['synth', '--check-upgrade=false'], { cwd: root, encoding: 'utf8' });
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('E_DUPLICATE_APP');
    expect(readFileSync(join(root, 'dist/prod/shop/storefront.yaml'), 'utf8')).toBe(storefront);
  });
});
