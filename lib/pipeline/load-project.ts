import { resolve } from 'node:path';
import { readReleases, Releases } from '../environments/releases';
import { SourcedApp } from '../model/app-definition';
import { Environment } from '../model/environment';
import { GitOpsSettings } from '../model/gitops';
import { loadFleet } from './load-fleet';
import { loadEnvironments, loadGitOps, ProjectPaths, projectPaths } from './project';

/** Everything a command needs to render the fleet: paths, environments, apps and releases. */
export interface Project {
  readonly paths: ProjectPaths;
  readonly environments: readonly Environment[];
  readonly apps: readonly SourcedApp[];
  readonly releases: Releases;
  readonly gitops?: GitOpsSettings;
}

export function loadProject(root: string): Project {
  const paths = projectPaths(resolve(root));
  const environments = loadEnvironments(paths);
  const apps = loadFleet(paths.appsDir, paths.root);
  const releases = readReleases(paths.releasesFile, { apps, environments }, paths.root);
  return { paths, environments, apps, releases, gitops: loadGitOps(paths) };
}
