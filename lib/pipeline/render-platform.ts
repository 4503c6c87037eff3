import { Problems } from '../internal/errors';
import { Environment } from '../model/environment';
import { GitOpsSettings } from '../model/gitops';
import { resolveGitOps } from '../environments/resolve-gitops';
import { resolveNamespace } from '../environments/resolve-namespace';
import { rootApplication, teamApplication } from '../gitops/argocd';
import { Manifest } from '../manifest/manifest';
import { synthNamespace } from '../stacks/team-namespace';
import { RenderedApp } from './render-fleet';

/** Objects of the platform itself (namespaces, Argo CD Applications), each with where it goes. */
export interface RenderedPlatformFile {
  readonly path: string;
  readonly environment: string;
  readonly source: string;
  readonly manifests: readonly Manifest[];
}

const ENVIRONMENTS_SOURCE = 'apps/environments.ts';
export const NAMESPACE_FILE = '_namespace.yaml';

/**
 * Per environment: a namespace file per team that has apps there, and, with GitOps settings, an
 * Argo CD Application per team plus the environment's root Application.
 */
export function renderPlatform(rendered: readonly RenderedApp[], environments: readonly Environment[], gitopsSettings?: GitOpsSettings): RenderedPlatformFile[] {
  const problems = new Problems();
  const gitops = gitopsSettings && resolveGitOps(gitopsSettings, problems);
  const files: RenderedPlatformFile[] = [];
  for (const env of environments) {
    const teams = new Map<string, string>();
    for (const { app } of rendered) if (app.environment === env.name) teams.set(app.team, app.namespace);
    for (const team of [...teams.keys()].sort()) {
      const namespace = resolveNamespace(team, env, problems);
      files.push({ path: `${env.name}/${team}/${NAMESPACE_FILE}`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: synthNamespace(namespace) as Manifest[] });
      if (gitops) {
        files.push({ path: `argocd/${env.name}/${team}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: [teamApplication(env, team, namespace.name, gitops)] });
      }
    }
    if (gitops) files.push({ path: `argocd/bootstrap/${env.name}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: [rootApplication(env, gitops)] });
  }
  problems.throwIfAny();
  return files;
}
