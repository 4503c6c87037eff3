import { resolve } from 'node:path';
import { readReleases, Releases, ReleasesError } from '../environments/releases';
import { ValidationError } from '../internal/errors';
import { SourcedApp } from '../model/app-definition';
import { Environment } from '../model/environment';
import { GitOpsSettings } from '../model/gitops';
import { SourcedDataStore } from '../model/data-store-definition';
import { loadFleetWithDataStores } from './load-fleet';
import { loadEnvironments, loadGitOps, ProjectPaths, projectPaths } from './project';
import { FleetInput, renderFleet } from './render-fleet';

/** Everything a command needs to render the fleet: paths, environments, apps and releases. */
export interface Project {
  readonly paths: ProjectPaths;
  readonly environments: readonly Environment[];
  readonly apps: readonly SourcedApp[];
  /** The shared data stores of the team folders. */
  readonly dataStores: readonly SourcedDataStore[];
  readonly releases: Releases;
  readonly gitops?: GitOpsSettings;
}

/**
 * The pipeline's input for a loaded project: every part, so no command can render the fleet
 * without its shared data stores or its GitOps settings (three did, and failed with "not an app
 * or data store of the fleet").
 */
export function fleetInput(project: Project): FleetInput {
  return { apps: project.apps, dataStores: project.dataStores, environments: project.environments, gitops: project.gitops, releases: project.releases.pin };
}

export function loadProject(root: string): Project {
  const paths = projectPaths(resolve(root));
  const environments = loadEnvironments(paths);
  const { apps, dataStores } = loadFleetWithDataStores(paths.appsDir, paths.root);
  const gitops = loadGitOps(paths);
  let releases: Releases;
  try {
    releases = readReleases(paths.releasesFile, { apps, environments }, paths.root);
  } catch (error) {
    throw error instanceof ReleasesError ? withFleetProblems(error, { apps, dataStores, environments, gitops, releases: error.validPins }) : error;
  }
  return { paths, environments, apps, dataStores, releases, gitops };
}

/**
 * A wrong releases file must not hide the fleet's other problems (a duplicate environment, an
 * invalid definition): the fleet is rendered with the valid pins and everything is reported at
 * once. Alone, the releases file's problems stay a configuration error (exit 2).
 */
function withFleetProblems(error: ReleasesError, fleet: FleetInput): Error {
  try {
    renderFleet(fleet);
  } catch (other) {
    if (!(other instanceof ValidationError)) return error;
    return new ValidationError([...error.problems.map((message) => ({ code: error.code, message })), ...other.problems]);
  }
  return error;
}
