import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { ENVIRONMENTS_TS, tempRepo, webApp } from '../fixtures/temp-repo';

const WITH_GITOPS = `${ENVIRONMENTS_TS}
export const gitops = { repoURL: 'https://git.example/acme/deploy.git', targetRevision: 'main', path: 'dist' };
`;

function synthesized(apps: Record<string, string>): string {
  const root = tempRepo(apps, WITH_GITOPS);
  const io = bufferIo();
  expect([main(['--root', root, 'synth'], io), io.stderr()]).toEqual([0, '']);
  return root;
}

describe('GitOps output', () => {
  const root = synthesized({ 'apps/shop/web.ts': webApp('web'), 'apps/shop/api.ts': webApp('api'), 'apps/ops/jobs.ts': webApp('jobs', 'ops') });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');

  test('gives each team a namespace per environment, enforcing the restricted Pod Security profile', () => {
    const [namespace, quota, limits] = parseAllDocuments(read('prod/shop/_namespace.yaml')).map((d) => d.toJS());
    expect(namespace.kind).toBe('Namespace');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.28');
    expect(namespace.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-1');
    expect(quota.kind).toBe('ResourceQuota');
    expect(quota.spec.hard['requests.cpu']).toBe('20');
    expect(limits.kind).toBe('LimitRange');
    expect(limits.spec.limits[0].defaultRequest.memory).toBe('128Mi');
  });

  test('writes an Argo CD Application per environment and team with automated sync and prune', () => {
    const [project, app] = parseAllDocuments(read('argocd/prod/shop.yaml')).map((d) => d.toJS());
    expect(app.kind).toBe('Application');
    expect(app.metadata.name).toBe('prod-shop');
    expect(app.spec.project).toBe('prod-shop');
    expect(app.spec.source).toEqual({ path: 'dist/prod/shop', repoURL: 'https://git.example/acme/deploy.git', targetRevision: 'main' });
    expect(app.spec.destination).toEqual({ name: 'prod-1', namespace: 'shop' });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    const root = parseAllDocuments(read('argocd/bootstrap/prod.yaml'))[0].toJS();
    expect(root.spec.source.path).toBe('dist/argocd/prod');
    expect(root.spec.project).toBe('default');
    expect(project.kind).toBe('AppProject');
  });

  test("runs each team's Application in its own AppProject, limited to the team's namespace and the GitOps repository", () => {
    const project = parseAllDocuments(read('argocd/prod/shop.yaml'))[0].toJS();
    expect(project).toMatchObject({
      kind: 'AppProject',
      metadata: { name: 'prod-shop', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
    });
    expect(project.spec.destinations).toEqual([{ name: 'prod-1', namespace: 'shop' }]);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace', name: 'shop' }]);
    expect(project.spec.sourceRepos).toEqual(['https://git.example/acme/deploy.git']);
    expect(project.spec.namespaceResourceWhitelist).toBeUndefined();
  });

  test('lists every file and folder in kustomizations', () => {
    expect(parse(read('prod/kustomization.yaml')).resources).toEqual(['_platform', 'ops', 'shop']);
    expect(parse(read('prod/shop/kustomization.yaml')).resources).toEqual(['_namespace.yaml', 'api.yaml', 'web.yaml']);
    expect(parse(read('argocd/prod/kustomization.yaml')).resources).toEqual(['_platform.yaml', 'ops.yaml', 'shop.yaml']);
  });
});

describe('the GitOps guard in synth', () => {
  test('refuses to delete most of an environment, leaves dist/ untouched, and allows it with --allow-drop', () => {
    const root = synthesized({ 'apps/shop/web.ts': webApp('web'), 'apps/shop/api.ts': webApp('api') });
    rmSync(join(root, 'apps/shop/api.ts'));
    const io = bufferIo();
    expect(main(['--root', root, 'synth'], io)).toBe(1);
    expect(io.stderr()).toContain("environment 'prod' would lose");
    expect(existsSync(join(root, 'dist/prod/shop/api.yaml'))).toBe(true);
    expect(main(['--root', root, 'synth', '--allow-drop'], bufferIo())).toBe(0);
    expect(existsSync(join(root, 'dist/prod/shop/api.yaml'))).toBe(false);
  });

  test('refuses a fleet with no apps', () => {
    const root = tempRepo({}, WITH_GITOPS);
    const io = bufferIo();
    expect(main(['--root', root, 'synth'], io)).toBe(1);
    expect(io.stderr()).toContain("environment 'dev' would have no apps");
  });
});
