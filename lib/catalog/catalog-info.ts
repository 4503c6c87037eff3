import { LABEL } from '../internal/labels';
import { ResolvedApp } from '../model/resolved-app';
import { ResolvedArgoCd } from '../model/resolved-environment';
import { MONITORING_ALERTS } from '../model/slo';

export const BACKSTAGE_API_VERSION = 'backstage.io/v1alpha1';

/** A Backstage catalog entity, as written to catalog-info files. */
export interface CatalogEntity {
  readonly apiVersion: typeof BACKSTAGE_API_VERSION;
  readonly kind: 'Component' | 'Location';
  readonly metadata: {
    readonly name: string;
    /** The Backstage namespace: the owning team's, so two teams' apps of one name never clash. */
    readonly namespace?: string;
    readonly description?: string;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly tags?: readonly string[];
    readonly links?: readonly { readonly url: string; readonly title: string; readonly icon: string; readonly type: string }[];
  };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** How the fleet's apps are found in the catalog. */
export interface ComponentNames {
  /** The entity ref (`<team>/<app>`) of the app of this name in a namespace of an environment, when it is in the fleet. */
  readonly inNamespace: (environment: string, namespace: string, app: string) => string | undefined;
}

/** What the catalog needs beyond the resolved apps. */
export interface CatalogOptions {
  /** The Git repository of apps/ (the GitOps repository, resolved): source, view and edit links. @default - no source links */
  readonly gitops?: Pick<ResolvedArgoCd, 'repoURL' | 'targetRevision'>;
}

const SPEC_TYPE = { 'web-service': 'service', worker: 'worker', 'scheduled-task': 'job', 'stateful-service': 'stateful-service', 'batch-job': 'job' } as const;

/**
 * A Backstage Component for one app, from its renderings in every environment (in the
 * environments' order, least production-like first):
 * - name: the app's, in the Backstage namespace of its team, so another team's app of the same
 *   name never renames it; owner `group:default/<team>` and system `system:default/<part-of>`
 *   (refs name their namespace, or Backstage would look in the team's); type service (web
 *   service), worker or job (scheduled task); dependsOn: the apps of the fleet it may call (its
 *   egress peers), as `component:<team>/<app>`;
 * - lifecycle 'production' when the app runs in an environment named in
 *   the production environments (`Environment.production`; a scheduled task suspended there does not
 *   count), 'experimental' otherwise;
 * - links: the Grafana dashboard of every environment where the app has one (most production-like
 *   first), and its runbook: the app's own `slo.runbookUrl`, else the index of the golden-path
 *   runbooks (the environment's `monitoring.runbookUrl` up to `{alert}`);
 * - annotations: what the Backstage Kubernetes plugin needs (label selector, namespace of the
 *   most production-like environment), and source/view/edit links to the definition file when the
 *   repository is known (so Backstage does not point them at this generated file).
 */
export function catalogInfo(renderings: readonly ResolvedApp[], names: ComponentNames, options: CatalogOptions = {}): CatalogEntity {
  const primary = renderings[renderings.length - 1];
  if (!primary) throw new Error('bug: catalogInfo needs at least one rendering of the app');
  const live = renderings.some((r) => r.production && r.schedule?.suspend !== true);
  const dependsOn = componentDependencies(renderings, names);
  const dashboards = [...renderings]
    .reverse()
    .filter((r) => r.monitoring)
    .map((r) => ({ url: r.monitoring!.dashboard.url, title: `Dashboard (${r.environment})`, icon: 'dashboard', type: 'dashboard' }));
  return {
    apiVersion: BACKSTAGE_API_VERSION,
    kind: 'Component',
    metadata: {
      name: primary.name,
      namespace: primary.team,
      ...(primary.description ? { description: primary.description } : {}),
      annotations: { ...kubernetesAnnotations(primary), ...sourceAnnotations(primary.source, options.gitops) },
      tags: ['golden-path', primary.kind],
      links: [...dashboards, runbookLink(primary)],
    },
    spec: {
      type: SPEC_TYPE[primary.kind],
      lifecycle: live ? 'production' : 'experimental',
      owner: `group:default/${primary.team}`,
      system: `system:default/${primary.labels[LABEL.partOf] ?? primary.team}`,
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    },
  };
}

/**
 * The entity refs a Component depends on (`component:<team>/<app>`, sorted): the apps of the fleet
 * its most production-like rendering may call. All a Component reads of the other apps of the fleet.
 */
export function componentDependencies(renderings: readonly ResolvedApp[], names: ComponentNames): string[] {
  const primary = renderings[renderings.length - 1];
  const peers = primary.network.egress.filter((p) => p.kind === 'app' && p.app !== undefined);
  return [
    ...new Set(peers.map((p) => names.inNamespace(primary.environment, p.namespace ?? primary.namespace, p.app!)).filter((n): n is string => n !== undefined)),
  ]
    .sort()
    .map((n) => `component:${n}`);
}

function kubernetesAnnotations(app: ResolvedApp): Record<string, string> {
  const selector = Object.entries(app.selector)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return { 'backstage.io/kubernetes-label-selector': selector, 'backstage.io/kubernetes-namespace': app.namespace };
}

/** Links to the definition file on a GitHub-style host (`/tree/` and `/blob/` URLs). */
function sourceAnnotations(source: string, gitops: CatalogOptions['gitops']): Record<string, string> {
  if (!gitops) return {};
  const repo = gitops.repoURL.replace(/\.git$/, '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(repo)) return {};
  const revision = gitops.targetRevision;
  const folder = source.slice(0, source.lastIndexOf('/') + 1);
  return {
    'backstage.io/source-location': `url:${repo}/tree/${revision}/${folder}`,
    'backstage.io/view-url': `${repo}/blob/${revision}/${source}`,
    'backstage.io/edit-url': `${repo}/edit/${revision}/${source}`,
  };
}

function runbookLink(app: ResolvedApp): { url: string; title: string; icon: string; type: string } {
  const own = app.monitoring?.runbooks[MONITORING_ALERTS.budgetBurn];
  if (own && app.provenance[`monitoring.runbooks.${MONITORING_ALERTS.budgetBurn}`] === 'app')
    return { url: own, title: 'Runbook', icon: 'docs', type: 'runbook' };
  return { url: app.runbookIndex, title: 'Runbooks (golden-path alerts)', icon: 'docs', type: 'runbook' };
}
