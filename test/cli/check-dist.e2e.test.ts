import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { CheckReport } from '../../lib/policy/report';
import { LIB, tempRepo, webApp } from '../fixtures/temp-repo';
import { tempDir } from '../fixtures/temp-dir';

const BIN = resolve(__dirname, '../../bin/platform');

// An app file that empties the policy pack of the process it runs in, and binds cluster-admin.
const TAMPERING = `(require('${LIB}/policy/pack').GOLDEN_PATH_PACK as unknown[]).length = 0;
${webApp(
  'web',
  'shop',
  "objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'shop-admin' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }] }]",
)}`;

describe('platform check --dist (end to end)', () => {
  test('fails the tree a tampering app file wrote, though the synth that ran it passed', () => {
    const root = tempRepo({ 'apps/shop/web.ts': TAMPERING });
    const synth = spawnSync(process.execPath, [BIN, '--root', root, 'synth'], { encoding: 'utf8' });
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);

    // --root names an empty folder: no app file and no apps/environments.ts can be loaded.
    const check = spawnSync(process.execPath, [BIN, '--root', tempDir('no-apps-'), 'check', '--dist', join(root, 'dist'), '--json'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout) as CheckReport;
    expect(report.passed).toBe(false);
    const open = report.findings.filter((f) => !f.waivedBy).map((f) => `${f.environment} ${f.rule} ${f.object.kind} ${f.object.name} (${f.source})`);
    expect(open).toEqual([
      'dev no-cluster-scoped-objects ClusterRoleBinding shop-admin (apps/shop/web.ts)',
      'dev rbac-least-privilege ClusterRoleBinding shop-admin (apps/shop/web.ts)',
      'prod no-cluster-scoped-objects ClusterRoleBinding shop-admin (apps/shop/web.ts)',
      'prod rbac-least-privilege ClusterRoleBinding shop-admin (apps/shop/web.ts)',
    ]);
  });

  test("passes the repository's own dist/", () => {
    const repo = resolve(__dirname, '../..');
    const check = spawnSync(process.execPath, [BIN, 'check', '--dist', join(repo, 'dist'), '--json'], { encoding: 'utf8', cwd: tempDir('cwd-') });
    expect(check.status).toBe(0);
    const report = JSON.parse(check.stdout) as CheckReport;
    expect(report.environments).toEqual(['dev', 'prod', 'staging']);
    expect(report.passed).toBe(true);
    expect(report.summary).toMatchObject({ errors: 0, expiredWaivers: 0 });
    expect(report.rules).toEqual(expect.arrayContaining(['no-cluster-scoped-objects', 'rbac-least-privilege', 'app-namespace', 'argocd-project-destination']));
  });
});
