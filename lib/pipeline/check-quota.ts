import { Problems } from '../internal/errors';
import { parseQuantity, QuantityKind } from '../internal/quantity';
import { ResolvedApp, ResolvedResources } from '../model/resolved-app';
import { ResolvedContainer } from '../model/resolved-container';
import { ResolvedEnvironment } from '../model/resolved-environment';

type Quota = ResolvedEnvironment['quota'];

/** What an app's pods count against the team namespace's ResourceQuota, and the definition field that sets it. */
const QUOTA_FIELDS: readonly {
  readonly quota: Exclude<keyof Quota, 'pods'>;
  readonly hard: string;
  readonly field: string;
  readonly kind: QuantityKind;
  /** The value of one container's resources (the app's, a sidecar's or an init container's). */
  readonly of: (resources: ResolvedResources) => string | undefined;
}[] = [
  { quota: 'requestsCpu', hard: 'requests.cpu', field: 'resources.cpu', kind: 'cpu', of: (r) => r.requests.cpu },
  { quota: 'requestsMemory', hard: 'requests.memory', field: 'resources.memory', kind: 'bytes', of: (r) => r.requests.memory },
  { quota: 'limitsMemory', hard: 'limits.memory', field: 'resources.memoryLimit', kind: 'bytes', of: (r) => r.limits.memory },
  {
    quota: 'requestsEphemeralStorage',
    hard: 'requests.ephemeral-storage',
    field: 'resources.ephemeralStorage',
    kind: 'bytes',
    of: (r) => r.requests['ephemeral-storage'],
  },
];

/**
 * What one pod counts against the quota, as Kubernetes computes it: the app's container and its
 * sidecars together, or the largest init container with the native sidecars started before it.
 */
function podAmount(app: ResolvedApp, of: (r: ResolvedResources) => string | undefined, kind: QuantityKind): number | undefined {
  const own = amount(of(app.resources), kind);
  if (own === undefined) return undefined;
  const sum = (list: readonly ResolvedContainer[]) => list.reduce((total, c) => total + (amount(of(c.resources), kind) ?? 0), 0);
  const sidecars = sum(app.sidecars);
  const native = app.sidecarPlacement === 'native' ? sidecars : 0;
  const largestInit = Math.max(0, ...app.initContainers.map((c) => native + (amount(of(c.resources), kind) ?? 0)));
  return Math.max(own + sidecars, largestInit);
}

/**
 * Requests the namespace's quota can never admit: the API server accepts the Deployment and then
 * refuses its pods, so the rollout hangs. A pod larger than the whole quota is reported against
 * its app; a team whose apps together (at their minimum replicas) exceed it, once, naming them.
 */
export function checkQuota(apps: readonly ResolvedApp[], environments: readonly ResolvedEnvironment[], problems: Problems): void {
  for (const env of environments) {
    const byNamespace = new Map<string, ResolvedApp[]>();
    for (const app of apps.filter((a) => a.environment === env.name)) byNamespace.set(app.namespace, [...(byNamespace.get(app.namespace) ?? []), app]);
    for (const [namespace, members] of byNamespace) {
      checkNamespace(namespace, members, env, problems);
      checkPods(namespace, members, env, problems);
    }
  }
}

function checkNamespace(namespace: string, apps: readonly ResolvedApp[], env: ResolvedEnvironment, problems: Problems): void {
  // A memory limit that is the request (the default) is one value: reported once, against resources.memory.
  const reported = new Set<string>();
  for (const { quota, hard, field: own, kind, of } of QUOTA_FIELDS) {
    const limit = amount(env.quota[quota], kind);
    if (limit === undefined) continue;
    let total = 0;
    const oversized = new Set<ResolvedApp>();
    for (const app of apps) {
      const one = podAmount(app, of, kind);
      if (one === undefined) continue;
      total += one * minimumPods(app);
      if (one > limit) {
        oversized.add(app);
        const field = quota === 'limitsMemory' && of(app.resources) === app.resources.requests.memory ? 'resources.memory' : own;
        const extras = app.sidecars.length + app.initContainers.length > 0 ? ' (with its sidecars and init containers)' : '';
        if (reported.has(`${app.source}\0${field}`)) continue;
        reported.add(`${app.source}\0${field}`);
        problems.add({
          code: 'E_QUOTA',
          source: app.source,
          app: app.name,
          environment: env.name,
          field,
          value: of(app.resources),
          message: `is more than the whole ${hard} quota of namespace '${namespace}' (${env.quota[quota]})${extras}, so no pod could ever start`,
          fix: `request at most ${env.quota[quota]}, or raise profile.quota.${quota} in apps/environments.ts`,
        });
      }
    }
    if (oversized.size === 0 && total > limit) {
      problems.add({
        code: 'E_QUOTA',
        source: 'apps/environments.ts',
        environment: env.name,
        field: `profile.quota.${quota}`,
        value: env.quota[quota],
        message: `is less than the ${hard} of namespace '${namespace}' at minimum replicas (${apps.map((a) => a.name).join(', ')}), so some pods would never start`,
        fix: `raise profile.quota.${quota}, or lower those apps' ${own} or replicas`,
      });
    }
  }
}

/** The quota's pod count against the pods the team runs at least. */
function checkPods(namespace: string, apps: readonly ResolvedApp[], env: ResolvedEnvironment, problems: Problems): void {
  const pods = apps.reduce((sum, app) => sum + minimumPods(app), 0);
  if (pods <= env.quota.pods) return;
  problems.add({
    code: 'E_QUOTA',
    source: 'apps/environments.ts',
    environment: env.name,
    field: 'profile.quota.pods',
    value: env.quota.pods,
    message: `is less than the ${pods} pods namespace '${namespace}' runs at minimum replicas (${apps.map((a) => a.name).join(', ')})`,
    fix: `raise profile.quota.pods to at least ${pods}, or lower those apps' replicas`,
  });
}

function amount(quantity: string | undefined, kind: QuantityKind): number | undefined {
  if (quantity === undefined) return undefined;
  const parsed = parseQuantity(quantity, kind);
  return 'value' in parsed ? parsed.value : undefined;
}

/** Pods an app runs at least: a scheduled task one per run (runs do not overlap: Forbid or Replace). */
function minimumPods(app: ResolvedApp): number {
  if (!app.replicas) return 1;
  return app.replicas.kind === 'fixed' ? app.replicas.count : app.replicas.min;
}
