import { resolveApp } from '../../lib/environments/resolve';
import { resolve, resolvedEnvironment, sourced, testEnvironment, webDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

describe('resolveApp: teams may not claim reserved namespaces', () => {
  test.each([
    ['kube-system', "is a reserved namespace: namespaces 'kube-*' belong to Kubernetes itself"],
    ['default', "is a reserved namespace: 'default' belongs to the cluster"],
    ['cert-manager', "is a reserved namespace: 'cert-manager' is where a platform controller runs"],
    ['monitoring', "is a reserved namespace: 'monitoring' is where Prometheus runs in environment 'prod'"],
    ['ingress-nginx', "is a reserved namespace: 'ingress-nginx' is where the ingress controller runs in environment 'prod'"],
  ])("fails for team '%s'", (team, message) => {
    expectOnlyProblem(() => resolve(webDef({ team })), { code: 'E_TEAM_RESERVED', field: 'team', value: team, message, fix: "use the team's own name" });
  });

  test("fails for Argo CD's namespace when the environment deploys with Argo CD", () => {
    const env = resolvedEnvironment(testEnvironment(), { repoURL: 'https://github.com/acme/deploy.git', argocdNamespace: 'gitops' });
    expectOnlyProblem(() => resolveApp(sourced(webDef({ team: 'gitops' })), env), {
      code: 'E_TEAM_RESERVED',
      field: 'team',
      value: 'gitops',
      message: "is a reserved namespace: 'gitops' is where Argo CD runs in environment 'prod'",
      fix: "use the team's own name",
    });
  });

  test('fails when the namespace pattern turns a team into a reserved namespace', () => {
    expectOnlyProblem(() => resolve(webDef({ team: 'system' }), testEnvironment({ namespacePattern: 'kube-{team}' })), {
      code: 'E_TEAM_RESERVED',
      field: 'team',
      value: 'system',
      message: "gives namespace 'kube-system', which is reserved: namespaces 'kube-*' belong to Kubernetes itself",
      fix: "use the team's own name",
    });
  });

  test('accepts an ordinary team', () => {
    expect(resolve(webDef({ team: 'shop' })).namespace).toBe('shop');
  });
});
