import { ResolvedEnvironment } from '../model/resolved-environment';
import { ResolvedApp } from '../model/resolved-app';
import { resolveNamespace } from '../environments/resolve-namespace';
import { Manifest } from '../manifest/manifest';
import { RenderedApp } from './render-fleet';
import { PlatformApp, platformApp, platformAppsKey } from './platform-app';
import { SourcedDataStore } from '../model/data-store-definition';
import type { platformAppProject, teamAppProject } from '../gitops/app-project';
import type { platformApplication, rootApplication, teamApplication } from '../gitops/argocd';
import type { admissionObjects } from '../policy/admission/admission-objects';
import type { GOLDEN_PATH_PACK } from '../policy/pack';
import type { synthNamespace } from '../stacks/team-namespace';
import type { renderDataStores } from './render-data-stores';

// What renders the platform's objects is loaded on the first environment not found in the cache:
// it pulls in cdk8s, cdk8s-plus-28 and the Argo CD and Kyverno imports (README, "Start-up").
/* eslint-disable @typescript-eslint/no-require-imports */
const renderers = () => ({
  ...(require('../gitops/app-project') as { platformAppProject: typeof platformAppProject; teamAppProject: typeof teamAppProject }),
  ...(require('../gitops/argocd') as {
    platformApplication: typeof platformApplication;
    rootApplication: typeof rootApplication;
    teamApplication: typeof teamApplication;
  }),
  ...(require('../policy/admission/admission-objects') as { admissionObjects: typeof admissionObjects }),
  ...(require('../policy/pack') as { GOLDEN_PATH_PACK: typeof GOLDEN_PATH_PACK }),
  ...(require('../stacks/team-namespace') as { synthNamespace: typeof synthNamespace }),
  ...(require('./render-data-stores') as { renderDataStores: typeof renderDataStores }),
});
/* eslint-enable @typescript-eslint/no-require-imports */

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
  /** Platform files of earlier runs, reused where what they are rendered from is the same. @default - rendered every time */
  readonly cache?: PlatformFilesMemo;
}

/** Keeps an environment's platform files between runs (the render cache). */
export interface PlatformFilesMemo {
  /** A key of the environment, the keys `apps` got this run (undefined when one has none) and `parts`. */
  platformKey(environment: ResolvedEnvironment, apps: readonly ResolvedApp[], parts: readonly unknown[]): string | undefined;
  /** The files stored under one of `keys`, or undefined. */
  platformFiles(environment: string, keys: readonly string[]): RenderedPlatformFile[] | undefined;
  renderedPlatform(environment: string, keys: readonly string[], files: readonly RenderedPlatformFile[]): void;
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
  const dataStores = options.dataStores ?? [];
  for (const env of environments) {
    const own = rendered.filter((r) => r.app.environment === env.name).map((r) => r.app);
    // Waivers expire by the UTC day (isExpired): the day is all of `now` they are rendered from.
    const parts = [dataStores, now.toISOString().slice(0, 10)];
    files.push(...cachedFiles(options.cache, env, own, parts, (apps) => renderEnvironment(env, apps, now, dataStores)));
  }
  return files;
}

/**
 * An environment's platform files from `cache`, else made from what they read of its apps (and
 * remembered). Two keys stand for them: the keys the apps got this run (made anyway, but an edit of
 * anything of an app changes one), tried first; then what the files read of the apps
 * (`platformApp`), made only when the first missed. So an edit of an app, or a return to a fleet
 * the cache knew, renders them (and loads what renders them) only when it changed what they read.
 */
function cachedFiles(
  cache: PlatformFilesMemo | undefined,
  env: ResolvedEnvironment,
  apps: readonly ResolvedApp[],
  parts: readonly unknown[],
  make: (apps: readonly PlatformApp[]) => RenderedPlatformFile[],
): RenderedPlatformFile[] {
  const quick = cache?.platformKey(env, apps, parts);
  const hit = quick === undefined ? undefined : cache!.platformFiles(env.name, [quick]);
  if (hit) return hit;
  const read = apps.map(platformApp);
  const stands = cache && platformAppsKey(read);
  // No apps' keys in this one: what the files read of them stands for them.
  const key = stands && cache.platformKey(env, [], [...stands, ...parts]);
  const keys = [key, quick].filter((k): k is string => k !== undefined);
  const stored = key === undefined ? undefined : cache!.platformFiles(env.name, keys);
  if (stored) return stored;
  const made = make(read);
  if (keys.length > 0) cache!.renderedPlatform(env.name, keys, made);
  return made;
}

/** `renderPlatform` for one environment and its apps. */
function renderEnvironment(env: ResolvedEnvironment, apps: readonly PlatformApp[], now: Date, dataStores: readonly SourcedDataStore[]): RenderedPlatformFile[] {
  const {
    admissionObjects,
    GOLDEN_PATH_PACK,
    platformAppProject,
    platformApplication,
    renderDataStores,
    rootApplication,
    synthNamespace,
    teamAppProject,
    teamApplication,
  } = renderers();
  const files: RenderedPlatformFile[] = [];
  const argocd = env.gitops.argocd;
  const admission = admissionObjects(env, apps, GOLDEN_PATH_PACK, now);
  if (admission.length > 0) {
    files.push({ path: `${env.name}/${PLATFORM_FOLDER}/admission.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: admission });
    if (argocd) {
      const manifests = [platformAppProject(env, argocd), platformApplication(env, argocd, PLATFORM_FOLDER)];
      files.push({ path: `argocd/${env.name}/${PLATFORM_FOLDER}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests });
    }
  }
  const teams = new Set<string>();
  for (const app of apps) teams.add(app.team);
  for (const file of renderDataStores(dataStores, env, apps)) {
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
      const reviewedSync = env.production && apps.some((app) => app.team === team && app.hardened);
      const manifests = [
        teamAppProject(env, argocd, team, namespace.name, { reviewedSync }),
        teamApplication(env, argocd, team, namespace.name, { reviewedSync }),
      ];
      files.push({ path: `argocd/${env.name}/${team}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests });
    }
  }
  if (argocd)
    files.push({ path: `argocd/bootstrap/${env.name}.yaml`, environment: env.name, source: ENVIRONMENTS_SOURCE, manifests: [rootApplication(env, argocd)] });
  return files;
}
