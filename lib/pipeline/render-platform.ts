import { ResolvedEnvironment } from '../model/resolved-environment';
import { resolveNamespace } from '../environments/resolve-namespace';
import { platformAppProject, teamAppProject } from '../gitops/app-project';
import { platformApplication, rootApplication, teamApplication } from '../gitops/argocd';
import { Manifest } from '../manifest/manifest';
import { admissionObjects } from '../policy/admission/admission-objects';
import { GOLDEN_PATH_PACK } from '../policy/pack';
import { synthNamespace } from '../stacks/team-namespace';
import { RenderedApp } from './render-fleet';
import { SourcedDataStore } from '../model/data-store-definition';
import { renderDataStores } from './render-data-stores';

/** Objects of the platform itself (namespaces, Argo CD Applications), each with where it goes. */
export interface RenderedPlatformFile {
  readonly path: string;
  readonly environment: string;
  readonly source: string;
  readonly manifests: readonly Manifest[];
}

const ENVIRONMENTS_SOURCE = 'apps/environments.ts';
export const NAMESPACE_FILE = '_namespace.yaml';
/** The platform's own folder of an environment (a team is a DNS label, so it can never be named so). */
export const PLATFORM_FOLDER = '_platform';

export interface RenderPlatformOptions {
  /** The moment waivers expire against: an expired one reaches no cluster. @default - now */
  readonly now?: Date;
  /** The fleet's shared data stores: those in the cluster in an environment are rendered there. @default - none */
  readonly dataStores?: readonly SourcedDataStore[];
}

/**
 * Per environment: the shared data stores that run in the cluster there, a namespace file per team
 * that has apps or such stores there, the admission policies the environment asks for
 * (dist/<env>/_platform/), and, with GitOps settings, an Argo CD Application per team plus the
 * platform's own (policies, before the teams) and the environment's root Application.
 */
export function renderPlatform(
  rendered: readonly Pick<RenderedApp, 'app'>[],
  environments: readonly ResolvedEnvironment[],
  options: RenderPlatformOptions = {},
): RenderedPlatformFile[] {
  const files: RenderedPlatformFile[] = [];
  const now = options.now ?? new Date();
  for (const env of environments) {
    const argocd = env.gitops.argocd;
    const apps = rendered.filter((r) => r.app.environment === env.name).map((r) => r.app);
    const admission = admissionObjects(env, apps, GOLDEN_PATH_PACK, now);
    if (admission.length > 0) {
      files.push({ path: `${env.name}/${PLATFORM_FOLDER}/admission.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: admission });
      if (argocd) {
        const manifests = [platformAppProject(env, argocd), platformApplication(env, argocd, PLATFORM_FOLDER)];
        files.push({ path: `argocd/${env.name}/${PLATFORM_FOLDER}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests });
      }
    }
    const teams = new Set<string>();
    for (const { app } of rendered) if (app.environment === env.name) teams.add(app.team);
    for (const file of renderDataStores(options.dataStores ?? [], env, rendered)) {
      teams.add(file.team);
      files.push(file);
    }
    for (const team of [...teams].sort()) {
      const namespace = resolveNamespace(team, env);
      files.push({
        path: `${env.name}/${team}/${NAMESPACE_FILE}`,
        environment: env.name,
        source: ENVIRONMENTS_SOURCE,
        manifests: synthNamespace(namespace) as Manifest[],
      });
      if (argocd) {
        // A hardened app's changes reach production only after review (or in the environment's sync window).
        const reviewedSync = env.production && rendered.some(({ app }) => app.environment === env.name && app.team === team && app.hardening !== undefined);
        const manifests = [
          teamAppProject(env, argocd, team, namespace.name, { reviewedSync }),
          teamApplication(env, argocd, team, namespace.name, { reviewedSync }),
        ];
        files.push({ path: `argocd/${env.name}/${team}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests });
      }
    }
    if (argocd)
      files.push({ path: `argocd/bootstrap/${env.name}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: [rootApplication(env, argocd)] });
  }
  return files;
}
