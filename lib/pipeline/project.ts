import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileError } from '../internal/errors';
import { Environment } from '../model/environment';
import { GitOpsSettings } from '../model/gitops';
import { requireUserFile } from './require-user-file';

/** Where a platform repository keeps things. Fixed by convention so every repo looks the same. */
export interface ProjectPaths {
  readonly root: string;
  /** `apps/`: `environments.ts`, `releases.yaml` and one folder per team. */
  readonly appsDir: string;
  readonly environmentsFile: string;
  readonly releasesFile: string;
  /** `dist/`: the rendered tree, committed. */
  readonly outDir: string;
}

export function projectPaths(root: string): ProjectPaths {
  const appsDir = join(root, 'apps');
  return {
    root,
    appsDir,
    environmentsFile: join(appsDir, 'environments.ts'),
    releasesFile: join(appsDir, 'releases.yaml'),
    outDir: join(root, 'dist'),
  };
}

/** The platform team's environments, exported as `environments` from apps/environments.ts. */
export function loadEnvironments(paths: ProjectPaths): readonly Environment[] {
  return loadEnvironmentsModule(paths).environments;
}

/** The optional `gitops` export of apps/environments.ts: with it, synth writes Argo CD Applications. */
export function loadGitOps(paths: ProjectPaths): GitOpsSettings | undefined {
  return loadEnvironmentsModule(paths).gitops;
}

function loadEnvironmentsModule(paths: ProjectPaths): { environments: readonly Environment[]; gitops?: GitOpsSettings } {
  if (!existsSync(paths.environmentsFile)) {
    throw new ConfigFileError(
      'E_ENVIRONMENTS_FILE',
      `${paths.environmentsFile}: not found. Fix: run platform commands from the repository root, or pass --root`,
      paths.environmentsFile,
    );
  }
  const module = (requireUserFile(paths.environmentsFile, 'apps/environments.ts', 'E_ENVIRONMENTS_LOAD') ?? {}) as {
    environments?: readonly Environment[];
    gitops?: GitOpsSettings;
  };
  if (!Array.isArray(module.environments)) {
    throw new ConfigFileError(
      'E_ENVIRONMENTS_FILE',
      `apps/environments.ts: does not export 'environments'. Fix: export const environments = [...]`,
      paths.environmentsFile,
    );
  }
  return { environments: module.environments, gitops: module.gitops };
}
