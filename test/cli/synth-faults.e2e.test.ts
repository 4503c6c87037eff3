import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempRepo, webApp } from '../fixtures/temp-repo';

const BIN = resolve(__dirname, '../../bin/platform');

function synth(root: string, args: string[] = [], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, '--root', root, 'synth', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

function synthAsync(root: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--root', root, 'synth']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => done({ code, stderr }));
  });
}

/** The entries beside dist/, with the random part of staging names and of the lock's pid file blanked. */
const beside = (root: string) =>
  readdirSync(root)
    .map((e) => e.replace(/-(new|old)-.*/, '-$1-*'))
    .sort();

describe('a synth killed between two steps of its write is completed or rolled back by the next one', () => {
  test.each([
    // step, what the kill leaves, what dist/ holds right after the kill
    ['staged', ['.dist-lock', '.dist-new-*', 'apps', 'dist'], 'old'],
    ['retired', ['.dist-lock', '.dist-new-*', '.dist-old-*', 'apps'], 'none'],
    ['swapped', ['.dist-lock', '.dist-old-*', 'apps', 'dist'], 'new'],
  ])('killed after %s', (step, left, distAfterKill) => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    expect(synth(root).status).toBe(0);
    writeFileSync(join(root, 'apps/shop/api.ts'), webApp('api'));

    const killed = synth(root, [], { PLATFORM_SYNTH_KILL_AT: step });
    expect(killed.signal).toBe('SIGKILL');
    expect(beside(root)).toEqual(left);
    const api = join(root, 'dist/prod/shop/api.yaml');
    expect(existsSync(join(root, 'dist')) ? (existsSync(api) ? 'new' : 'old') : 'none').toBe(distAfterKill);

    // The next synth takes over the dead synth's lock, recovers, then writes the new tree.
    const next = synth(root);
    expect(next.stderr).toMatch(/^synth: (restored|removed) /);
    expect(next.status).toBe(0);
    expect(beside(root)).toEqual(['apps', 'dist']);
    expect(readFileSync(api, 'utf8')).toContain('kind: Deployment');
    expect(existsSync(join(root, 'dist/.platform-synth'))).toBe(true);
  });
});

describe('two synths at once', () => {
  test('a synth waits while another holds the lock, says so, and writes once it is released', async () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    // This test process plays the other synth: a lock naming a live pid.
    writeFileSync(join(root, '.dist-lock'), `${process.pid}\n`);
    const child = spawn(process.execPath, [BIN, '--root', root, 'synth']);
    let stderr = '';
    const done = new Promise<number | null>((resolveCode) => child.on('close', resolveCode));
    await new Promise<void>((waiting) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('synth: waiting for another synth (pid ')) waiting();
      });
    });
    expect(existsSync(join(root, 'dist'))).toBe(false);
    rmSync(join(root, '.dist-lock'));
    expect(await done).toBe(0);
    expect(stderr).toContain(`synth: waiting for another synth (pid ${process.pid}`);
    expect(beside(root)).toEqual(['apps', 'dist']);
  });

  test('two started together both succeed and leave nothing beside dist/', async () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    const results = await Promise.all([synthAsync(root), synthAsync(root)]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    // Which one waits depends on timing; at most one can.
    expect(results.filter((r) => r.stderr.includes('synth: waiting for another synth (pid ')).length).toBeLessThanOrEqual(1);
    expect(beside(root)).toEqual(['apps', 'dist']);
    expect(readFileSync(join(root, 'dist/prod/shop/web.yaml'), 'utf8')).toContain('kind: Deployment');
  });
});

describe('the GitOps guard with dist/ missing from the working tree', () => {
  const git = (root: string, ...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };

  test('compares with the committed dist/: removing 2 of 5 apps is refused without --allow-drop, and nothing is written', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const root = tempRepo(Object.fromEntries(names.map((n) => [`apps/shop/${n}.ts`, webApp(n)])));
    expect(synth(root).status).toBe(0);
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'fleet');
    rmSync(join(root, 'dist'), { recursive: true });
    rmSync(join(root, 'apps/shop/d.ts'));
    rmSync(join(root, 'apps/shop/e.ts'));

    const refused = synth(root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'error: refusing to write: Argo CD would prune these from the clusters (compared with dist/ as committed at HEAD, as the folder is missing or empty).\n',
    );
    expect(refused.stderr).toContain(
      "  - environment 'dev' would lose 10 of its 28 objects (36% > 25%): Deployment shop/d, Deployment shop/e, NetworkPolicy shop/d,",
    );
    expect(refused.stderr).toContain("  - environment 'prod' would lose 12 of its 33 objects (36% > 25%): Deployment shop/d,");
    expect(refused.stderr).toContain('Fix: if this is intended, run synth again with --allow-drop');
    expect(beside(root)).toEqual(['.git', 'apps']);

    expect(synth(root, ['--allow-drop']).status).toBe(0);
    expect(existsSync(join(root, 'dist/prod/shop/d.yaml'))).toBe(false);
  });
});
