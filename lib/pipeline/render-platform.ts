import { ResolvedEnvironment } from '../model/resolved-environment';
import { resolveNamespace } from '../environments/resolve-namespace';
import { teamAppProject } from '../gitops/app-project';
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
export function renderPlatform(rendered: readonly Pick<RenderedApp, 'app'>[], environments: readonly ResolvedEnvironment[]): RenderedPlatformFile[] {
  const files: RenderedPlatformFile[] = [];
  for (const env of environments) {
    const argocd = env.gitops.argocd;
    const teams = new Set<string>();
    for (const { app } of rendered) if (app.environment === env.name) teams.add(app.team);
    for (const team of [...teams].sort()) {
      const namespace = resolveNamespace(team, env);
      files.push({
        path: `${env.name}/${team}/${NAMESPACE_FILE}`,
        environment: env.name,
        source: ENVIRONMENTS_SOURCE,
        manifests: synthNamespace(namespace) as Manifest[],
      });
      if (argocd) {
        const manifests = [teamAppProject(env, argocd, team, namespace.name), teamApplication(env, argocd, team, namespace.name)];
        files.push({ path: `argocd/${env.name}/${team}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests });
      }
    }
    if (argocd)
      files.push({ path: `argocd/bootstrap/${env.name}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: [rootApplication(env, argocd)] });
  }
  return files;
}
