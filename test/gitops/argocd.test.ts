import { resolveGitOps } from '../../lib/environments/resolve-gitops';
import { Problems } from '../../lib/internal/errors';
import { teamApplication } from '../../lib/gitops/argocd';
import { KubernetesSchemas } from '../../lib/policy/schema/kubernetes-schemas';
import { testEnvironment } from '../helpers';

const gitops = resolveGitOps({ repoURL: 'https://git.example/acme/deploy.git' }, new Problems());

describe('team Applications and Reloader', () => {
  test('ignore the pod-template annotation Reloader writes, where the environment runs Reloader', () => {
    const app = teamApplication(testEnvironment({ secretRollout: 'reloader' }), 'shop', 'shop', gitops) as any;
    expect(app.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/metadata/annotations/reloader.stakater.com~1last-reloaded-from'] }]);
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(KubernetesSchemas.shared().validate(app)).toEqual([]);
  });

  test('ignore nothing elsewhere: every difference from Git is healed', () => {
    const app = teamApplication(testEnvironment(), 'shop', 'shop', gitops) as any;
    expect(app.spec).not.toHaveProperty('ignoreDifferences');
    expect(app.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });
});
