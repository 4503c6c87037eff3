import { App, Chart } from 'cdk8s';
import { Application } from '../../imports/application-argoproj.io';
import { pointerTo } from '../internal/json-pointer';
import { platformProjectName, teamProjectName, TeamGitOpsOptions } from './app-project';
import { LABEL, MANAGED_BY, ANNOTATION } from '../internal/labels';
import { ResolvedArgoCd, ResolvedEnvironment } from '../model/resolved-environment';
import { Manifest } from '../manifest/manifest';

/** Argo CD's finalizer that deletes an Application's objects with it. */
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
const RESPECT_IGNORE = 'RespectIgnoreDifferences=true';

/**
 * Argo CD Applications, generated rather than discovered (no ApplicationSet generator): every
 * Application is a reviewed object in the diff, and a team's apps sync, prune and fail on their
 * own. One Application per environment and team deploys `dist/<env>/<team>`; one root
 * Application per environment ("app of apps") deploys the team Applications.
 */
export function teamApplication(env: ResolvedEnvironment, argocd: ResolvedArgoCd, team: string, namespace: string, options: TeamGitOpsOptions = {}): Manifest {
  return application(`${env.name}-${team}`, env.name, argocd, {
    labels: { [LABEL.team]: team },
    project: teamProjectName(env, team),
    path: `${argocd.path}/${env.name}/${team}`,
    destination: { name: env.cluster, namespace },
    wave: '0',
    ignoreReloads: env.secrets.rollout.value === 'reloader',
    // Without a sync window, a person syncs a reviewed team's changes; with one, the AppProject's window limits automated syncs.
    manualSync: options.reviewedSync === true && env.hardening.syncWindow === undefined,
  });
}

/**
 * The platform's own Application of an environment: `dist/<env>/_platform` (the admission policies
 * and their exceptions), in the platform's AppProject. Sync wave -2, before the team AppProjects (-1)
 * and Applications (0): the policies are in place before any team's objects are applied.
 */
export function platformApplication(env: ResolvedEnvironment, argocd: ResolvedArgoCd, folder: string): Manifest {
  return application(platformProjectName(env), env.name, argocd, {
    labels: {},
    project: platformProjectName(env),
    path: `${argocd.path}/${env.name}/${folder}`,
    destination: { name: env.cluster, namespace: env.admission.exceptionNamespace.value },
    wave: '-2',
  });
}

export function rootApplication(env: ResolvedEnvironment, argocd: ResolvedArgoCd): Manifest {
  return application(`platform-${env.name}`, env.name, argocd, {
    labels: {},
    project: argocd.project,
    path: `${argocd.path}/argocd/${env.name}`,
    // The Applications themselves live beside Argo CD, in the cluster it runs in.
    destination: { name: 'in-cluster', namespace: argocd.namespace },
    wave: '0',
  });
}

interface ApplicationOptions {
  readonly labels: Record<string, string>;
  /** The team's own AppProject, or the configured project for the root Application. */
  readonly project: string;
  readonly path: string;
  readonly destination: { readonly name: string; readonly namespace: string };
  readonly wave: string;
  /**
   * Reloader rolls a Deployment by annotating its pod template in the cluster, which is not in Git:
   * without this, self-heal would revert the annotation (and roll the pods back) on every reload.
   */
  readonly ignoreReloads?: boolean;
  /** No `automated` block: Argo CD shows the Application out of sync until a person syncs it. */
  readonly manualSync?: boolean;
}

function application(name: string, environment: string, argocd: ResolvedArgoCd, options: ApplicationOptions): Manifest {
  const sync = argocd.syncPolicy;
  const chart = new Chart(new App({ recordConstructMetadata: false }), name, { disableResourceNameHashes: true });
  new Application(chart, name, {
    metadata: {
      name,
      namespace: argocd.namespace,
      labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.environment]: environment, ...options.labels },
      annotations: { [ANNOTATION.syncWave]: options.wave },
      ...(sync.finalizer ? { finalizers: [RESOURCES_FINALIZER] } : {}),
    },
    spec: {
      project: options.project,
      source: { repoUrl: argocd.repoURL, targetRevision: argocd.targetRevision, path: options.path },
      destination: options.destination,
      ...(options.ignoreReloads
        ? {
            ignoreDifferences: [
              { group: 'apps', kind: 'Deployment', jsonPointers: [pointerTo(['spec', 'template', 'metadata', 'annotations', ANNOTATION.reloaderLastReload])] },
            ],
          }
        : {}),
      syncPolicy: {
        ...(options.manualSync ? {} : { automated: { prune: sync.prune, selfHeal: sync.selfHeal } }),
        // RespectIgnoreDifferences: a sync for another change keeps the ignored field as the cluster has it.
        syncOptions: [...sync.syncOptions, ...(options.ignoreReloads && !sync.syncOptions.includes(RESPECT_IGNORE) ? [RESPECT_IGNORE] : [])],
        retry: { limit: sync.retry.limit, backoff: { ...sync.retry.backoff } },
      },
    },
  });
  return chart.toJson()[0] as Manifest;
}
