import { Problems } from '../internal/errors';
import { GitOpsSettings } from '../model/gitops';
import { PLATFORM_DEFAULTS } from './platform-defaults';

export type ResolvedGitOps = Required<GitOpsSettings>;

/** GitOps settings with every default applied and checked. */
export function resolveGitOps(settings: GitOpsSettings, problems: Problems): ResolvedGitOps {
  const d = PLATFORM_DEFAULTS.gitops;
  const resolved: ResolvedGitOps = {
    repoURL: settings.repoURL,
    targetRevision: settings.targetRevision ?? d.targetRevision,
    path: settings.path ?? d.path,
    argocdNamespace: settings.argocdNamespace ?? d.argocdNamespace,
    project: settings.project ?? d.project,
    maxDropShare: settings.maxDropShare ?? d.maxDropShare,
  };
  const at = problems.at({ source: 'apps/environments.ts' });
  if (typeof resolved.repoURL !== 'string' || !/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(resolved.repoURL)) {
    at.add({ code: 'E_GITOPS', field: 'gitops.repoURL', value: resolved.repoURL, message: 'is not a Git repository URL', fix: "use an https:// or git@ URL, e.g. 'https://github.com/acme/deploy.git'" });
  }
  if (!(resolved.maxDropShare >= 0 && resolved.maxDropShare <= 1)) {
    at.add({ code: 'E_GITOPS', field: 'gitops.maxDropShare', value: resolved.maxDropShare, message: 'must be a share from 0 to 1', fix: 'e.g. 0.25 to refuse deleting more than a quarter of an environment' });
  }
  if (resolved.path.startsWith('/') || resolved.path.includes('..')) {
    at.add({ code: 'E_GITOPS', field: 'gitops.path', value: resolved.path, message: 'must be a relative path inside the repository', fix: "e.g. 'dist'" });
  }
  return resolved;
}
