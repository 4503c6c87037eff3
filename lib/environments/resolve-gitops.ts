import { Problems } from '../internal/errors';
import { ArgoCdSyncPolicy, GitOpsSettings } from '../model/gitops';
import { ResolvedGitOps } from '../model/resolved-environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { Provenance } from './provenance';

/** A Go duration as Argo CD parses a retry backoff: '10s', '3m', '1h30m'. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|μs|ms|s|m|h))+$/;

/**
 * The `gitops` export of apps/environments.ts with every default applied and checked, once for
 * the project: without it there are no Argo CD Applications, and the deletion guard still holds.
 * Each value's layer is recorded in `prov` under `gitops.`.
 */
export function resolveGitOps(settings: GitOpsSettings | undefined, problems: Problems, prov: Provenance = new Provenance()): ResolvedGitOps {
  const d = PLATFORM_DEFAULTS.gitops;
  const at = problems.at({ source: 'apps/environments.ts' });
  const pick = <T>(field: string, platform: T, own: T | undefined): T => prov.pick(`gitops.${field}`, ['platform', platform], ['environment', own]);
  const maxDropShare = pick('maxDropShare', d.maxDropShare, settings?.maxDropShare);
  if (!(typeof maxDropShare === 'number' && maxDropShare >= 0 && maxDropShare <= 1)) {
    at.add({
      code: 'E_GITOPS',
      field: 'gitops.maxDropShare',
      value: maxDropShare,
      message: 'must be a share from 0 to 1',
      fix: 'e.g. 0.25 to refuse deleting more than a quarter of an environment',
    });
  }
  if (!settings) return { maxDropShare };

  const repoURL = prov.pickOptional('gitops.repoURL', ['environment', settings.repoURL]) as string;
  if (typeof repoURL !== 'string' || !/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(repoURL)) {
    at.add({
      code: 'E_GITOPS',
      field: 'gitops.repoURL',
      value: repoURL ?? null,
      message: 'is not a Git repository URL',
      fix: "use an https:// or git@ URL, e.g. 'https://github.com/acme/deploy.git'",
    });
  }
  const path = pick('path', d.path, settings.path);
  if (path.startsWith('/') || path.includes('..')) {
    at.add({ code: 'E_GITOPS', field: 'gitops.path', value: path, message: 'must be a relative path inside the repository', fix: "e.g. 'dist'" });
  }
  return {
    maxDropShare,
    argocd: {
      repoURL,
      targetRevision: pick('targetRevision', d.targetRevision, settings.targetRevision),
      path,
      namespace: pick('argocdNamespace', d.argocdNamespace, settings.argocdNamespace),
      project: pick('project', d.project, settings.project),
      syncPolicy: resolveSyncPolicy(settings.syncPolicy ?? {}, at, pick),
    },
  };
}

type Pick = <T>(field: string, platform: T, own: T | undefined) => T;

function resolveSyncPolicy(own: ArgoCdSyncPolicy, at: Problems, pick: Pick): NonNullable<ResolvedGitOps['argocd']>['syncPolicy'] {
  const d = PLATFORM_DEFAULTS.gitops.syncPolicy;
  const flag = (key: 'prune' | 'selfHeal' | 'finalizer'): boolean => {
    const value = pick(`syncPolicy.${key}`, d[key], own[key]);
    if (typeof value !== 'boolean')
      at.add({ code: 'E_GITOPS', field: `gitops.syncPolicy.${key}`, value, message: 'must be true or false', fix: `e.g. ${key}: ${d[key]}` });
    return value;
  };
  const syncOptions = pick<readonly string[]>('syncPolicy.syncOptions', d.syncOptions, own.syncOptions);
  if (!Array.isArray(syncOptions) || syncOptions.some((o) => typeof o !== 'string' || !/^[A-Za-z]+=\S+$/.test(o))) {
    at.add({
      code: 'E_GITOPS',
      field: 'gitops.syncPolicy.syncOptions',
      value: syncOptions,
      message: "must be a list of Argo CD sync options, each 'Name=value'",
      fix: "e.g. ['PrunePropagationPolicy=foreground', 'PruneLast=true']",
    });
  }
  const retry = pick('syncPolicy.retry', d.retry, own.retry);
  const b = retry?.backoff;
  if (
    !Number.isInteger(retry?.limit) ||
    retry.limit < 0 ||
    !b ||
    !GO_DURATION.test(String(b.duration)) ||
    !GO_DURATION.test(String(b.maxDuration)) ||
    !(typeof b.factor === 'number' && b.factor >= 1)
  ) {
    at.add({
      code: 'E_GITOPS',
      field: 'gitops.syncPolicy.retry',
      value: retry,
      message: 'must be { limit: whole number >= 0, backoff: { duration, factor >= 1, maxDuration } } with Go durations',
      fix: "e.g. { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } }",
    });
  }
  return {
    prune: flag('prune'),
    selfHeal: flag('selfHeal'),
    finalizer: flag('finalizer'),
    syncOptions: [...(syncOptions ?? [])],
    retry: { limit: retry?.limit, backoff: { ...b } },
  };
}
