import { App, Chart } from 'cdk8s';
import { Application } from '../../imports/application-argoproj.io';
import { pointerTo } from '../internal/json-pointer';
import { LABEL, MANAGED_BY, ANNOTATION } from '../internal/labels';
import { Environment } from '../model/environment';
import { environmentSecretRollout } from '../environments/resolve-secrets';
import { ResolvedGitOps } from '../environments/resolve-gitops';
import { Manifest } from '../manifest/manifest';

/**
 * Argo CD Applications, generated rather than discovered (no ApplicationSet generator): every
 * Application is a reviewed object in the diff, and a team's apps sync, prune and fail on their
 * own. One Application per environment and team deploys `dist/<env>/<team>`; one root
 * Application per environment ("app of apps") deploys the team Applications.
 */
export function teamApplication(env: Environment, team: string, namespace: string, gitops: ResolvedGitOps): Manifest {
  return application(`${env.name}-${team}`, env.name, gitops, {
    labels: { [LABEL.team]: team },
    path: `${gitops.path}/${env.name}/${team}`,
    destination: { name: env.cluster, namespace },
    wave: '0',
    ignoreReloads: environmentSecretRollout(env) === 'reloader',
  });
}

export function rootApplication(env: Environment, gitops: ResolvedGitOps): Manifest {
  return application(`platform-${env.name}`, env.name, gitops, {
    labels: {},
    path: `${gitops.path}/argocd/${env.name}`,
    // The Applications themselves live beside Argo CD, in the cluster it runs in.
    destination: { name: 'in-cluster', namespace: gitops.argocdNamespace },
    wave: '0',
  });
}

interface ApplicationOptions {
  readonly labels: Record<string, string>;
  readonly path: string;
  readonly destination: { readonly name: string; readonly namespace: string };
  readonly wave: string;
  /**
   * Reloader rolls a Deployment by annotating its pod template in the cluster, which is not in Git:
   * without this, self-heal would revert the annotation (and roll the pods back) on every reload.
   */
  readonly ignoreReloads?: boolean;
}

function application(name: string, environment: string, gitops: ResolvedGitOps, options: ApplicationOptions): Manifest {
  const chart = new Chart(new App({ recordConstructMetadata: false }), name, { disableResourceNameHashes: true });
  new Application(chart, name, {
    metadata: {
      name,
      namespace: gitops.argocdNamespace,
      labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.environment]: environment, ...options.labels },
      annotations: { [ANNOTATION.syncWave]: options.wave },
      // Deleting an Application deletes what it deployed; the synth guard stops accidental deletions.
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: gitops.project,
      source: { repoUrl: gitops.repoURL, targetRevision: gitops.targetRevision, path: options.path },
      destination: options.destination,
      ...(options.ignoreReloads
        ? { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: [pointerTo(['spec', 'template', 'metadata', 'annotations', ANNOTATION.reloaderLastReload])] }] }
        : {}),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // RespectIgnoreDifferences: a sync for another change keeps the ignored field as the cluster has it.
        syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true', ...(options.ignoreReloads ? ['RespectIgnoreDifferences=true'] : [])],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      },
    },
  });
  return chart.toJson()[0] as Manifest;
}
