import { rootApplication, teamApplication } from '../../lib/gitops/argocd';
import { Environment } from '../../lib/model/environment';
import { GitOpsSettings } from '../../lib/model/gitops';
import { KubernetesSchemas } from '../../lib/policy/schema/kubernetes-schemas';
import { resolvedEnvironment, testEnvironment, Untyped } from '../helpers';

const REPO = 'https://git.example/acme/deploy.git';

/** The team Application of 'shop' in an environment resolved with these GitOps settings. */
function shopApplication(gitops: GitOpsSettings = { repoURL: REPO }, env: Partial<Environment> = {}): Untyped {
  const resolved = resolvedEnvironment(testEnvironment(env), gitops);
  return teamApplication(resolved, resolved.gitops.argocd!, 'shop', 'shop');
}

describe('team Applications and Reloader', () => {
  test('ignore the pod-template annotation Reloader writes, where the environment runs Reloader', () => {
    const app = shopApplication(undefined, { secretRollout: 'reloader' });
    expect(app.spec.ignoreDifferences).toEqual([
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/metadata/annotations/reloader.stakater.com~1last-reloaded-from'] },
    ]);
    expect(app.spec.syncPolicy.syncOptions).toEqual(['PrunePropagationPolicy=foreground', 'PruneLast=true', 'RespectIgnoreDifferences=true']);
    expect(KubernetesSchemas.shared().validate(app)).toEqual([]);
  });

  test('ignore nothing elsewhere: every difference from Git is healed', () => {
    const app = shopApplication();
    expect(app.spec).not.toHaveProperty('ignoreDifferences');
    expect(app.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });
});

describe('sync policy from the GitOps settings', () => {
  test('defaults: automated prune and self-heal, the resources finalizer, foreground pruning last, 5 retries', () => {
    const app = shopApplication();
    expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(app.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true'],
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
    });
  });

  test('takes a changed retry policy from the settings', () => {
    const app = shopApplication({ repoURL: REPO, syncPolicy: { retry: { limit: 10, backoff: { duration: '30s', factor: 3, maxDuration: '10m' } } } });
    expect(app.spec.syncPolicy.retry).toEqual({ limit: 10, backoff: { duration: '30s', factor: 3, maxDuration: '10m' } });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  test('takes sync options, prune, self-heal and the finalizer from the settings, for the root Application too', () => {
    const gitops: GitOpsSettings = { repoURL: REPO, syncPolicy: { prune: false, selfHeal: false, finalizer: false, syncOptions: ['ServerSideApply=true'] } };
    const app = shopApplication(gitops);
    expect(app.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: false });
    expect(app.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true']);
    expect(app.metadata).not.toHaveProperty('finalizers');
    const env = resolvedEnvironment(testEnvironment(), gitops);
    const root: Untyped = rootApplication(env, env.gitops.argocd!);
    expect(root.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true']);
    expect(root.metadata).not.toHaveProperty('finalizers');
  });

  test('adds RespectIgnoreDifferences once when the settings list it already', () => {
    const app = shopApplication({ repoURL: REPO, syncPolicy: { syncOptions: ['RespectIgnoreDifferences=true'] } }, { secretRollout: 'reloader' });
    expect(app.spec.syncPolicy.syncOptions).toEqual(['RespectIgnoreDifferences=true']);
  });
});
