import { App, Chart } from 'cdk8s';
import { AppProject } from '../../imports/appproject-argoproj.io';
import { ANNOTATION, LABEL, MANAGED_BY } from '../internal/labels';
import { Manifest } from '../manifest/manifest';
import { ResolvedArgoCd, ResolvedEnvironment } from '../model/resolved-environment';

/** The Argo CD project a team's Application runs in, in one environment. */
export function teamProjectName(env: Pick<ResolvedEnvironment, 'name'>, team: string): string {
  return `${env.name}-${team}`;
}

/** How a team's Argo CD objects differ when its changes need review before they reach the cluster. */
export interface TeamGitOpsOptions {
  /**
   * The team runs a hardened app in production: Argo CD syncs it only in the environment's sync
   * window, or, without one, only when a person syncs. @default false
   */
  readonly reviewedSync?: boolean;
}

/**
 * A team's Argo CD AppProject in one environment: its Application may deploy only into the team's
 * namespace of the environment's cluster, may create no cluster-scoped object but that Namespace,
 * and may read only the GitOps repository. Argo CD enforces this even when the rendered tree is
 * wrong, so a team cannot reach another team's or the cluster's namespaces. (An AppProject cannot
 * limit the path in the repository: the platform-written Application names `dist/<env>/<team>`.)
 * Sync wave -1: the root Application creates the project before the Application that uses it.
 */
export function teamAppProject(env: ResolvedEnvironment, argocd: ResolvedArgoCd, team: string, namespace: string, options: TeamGitOpsOptions = {}): Manifest {
  const name = teamProjectName(env, team);
  const window = options.reviewedSync ? env.hardening.syncWindow : undefined;
  const chart = new Chart(new App({ recordConstructMetadata: false }), name, { disableResourceNameHashes: true });
  new AppProject(chart, name, {
    metadata: {
      name,
      namespace: argocd.namespace,
      labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.environment]: env.name, [LABEL.team]: team },
      annotations: { [ANNOTATION.syncWave]: '-1' },
    },
    spec: {
      description: `Team ${team} in ${env.name}: namespace ${namespace} of cluster ${env.cluster} only`,
      sourceRepos: [argocd.repoURL],
      destinations: [{ name: env.cluster, namespace }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: namespace }],
      // An allow window: automated syncs of the team's Application happen inside it only; a person may still sync by hand.
      ...(window
        ? {
            syncWindows: [
              { kind: 'allow', schedule: window.schedule, duration: window.duration, timeZone: window.timeZone, applications: [name], manualSync: true },
            ],
          }
        : {}),
    },
  });
  return chart.toJson()[0] as Manifest;
}

/** The platform's own Argo CD project in one environment, never a team's (`<env>-<team>`; the root Application is `platform-<env>`). */
export function platformProjectName(env: Pick<ResolvedEnvironment, 'name'>): string {
  return `platform-${env.name}-admission`;
}

/**
 * The platform's AppProject in one environment: its Application may create the admission policies
 * (cluster-scoped) and Kyverno PolicyExceptions in the exception namespace, nothing else. A team's
 * project allows none of these kinds, so no team can lift or weaken a policy through Argo CD.
 * Sync wave -2, with the platform's Application, before every team's project and Application.
 */
export function platformAppProject(env: ResolvedEnvironment, argocd: ResolvedArgoCd): Manifest {
  const name = platformProjectName(env);
  const namespace = env.admission.exceptionNamespace.value;
  const chart = new Chart(new App({ recordConstructMetadata: false }), name, { disableResourceNameHashes: true });
  new AppProject(chart, name, {
    metadata: {
      name,
      namespace: argocd.namespace,
      labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.environment]: env.name },
      annotations: { [ANNOTATION.syncWave]: '-2' },
    },
    spec: {
      description: `The platform in ${env.name}: admission policies of cluster ${env.cluster}, and their exceptions in namespace ${namespace}`,
      sourceRepos: [argocd.repoURL],
      destinations: [{ name: env.cluster, namespace }],
      clusterResourceWhitelist: [
        { group: 'policies.kyverno.io', kind: 'ValidatingPolicy' },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicy' },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicyBinding' },
      ],
      namespaceResourceWhitelist: [{ group: 'policies.kyverno.io', kind: 'PolicyException' }],
    },
  });
  return chart.toJson()[0] as Manifest;
}
