import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigFileError, Problem, Problems, ValidationError } from '../internal/errors';
import { AppDefinition, SourcedApp } from '../model/app-definition';
import { DataStoreDefinition, SourcedDataStore } from '../model/data-store-definition';
import { requireUserFile } from './require-user-file';

const KINDS = new Set(['web-service', 'worker', 'scheduled-task', 'stateful-service', 'batch-job', 'data-store']);

/**
 * Finds the fleet by convention: every `apps/<team>/<app>.ts` default-exports one app definition.
 * Adding a file is registering an app; the path is remembered as the app's source.
 * An app's `team` must be its folder's name (E_TEAM_FOLDER, every mismatch at once).
 * Returned in (team folder, file) order, so nothing depends on the order the disk lists files in.
 */
export function loadFleet(appsDir: string, repoRoot: string): SourcedApp[] {
  return loadFleetWithDataStores(appsDir, repoRoot).apps;
}

/** `loadFleet`, with the shared data stores (`dataStore({...})`) the team folders declare beside their apps. */
export function loadFleetWithDataStores(appsDir: string, repoRoot: string): { apps: SourcedApp[]; dataStores: SourcedDataStore[] } {
  const { apps, dataStores, unloaded } = scanFleet(appsDir, repoRoot);
  if (unloaded.length > 0) throw new ValidationError(unloaded.map((u) => u.problem));
  return { apps, dataStores };
}

/** An app file that does not load (a syntax error, a throw): where it is, and why. */
export interface UnloadedApp {
  readonly source: string;
  /** The folder's team, and the app's likely name: the file's, as `platform new` writes it. */
  readonly team: string;
  readonly name: string;
  readonly problem: Problem;
}

/**
 * The fleet with every file that does not load set aside instead of failing: commands that only
 * edit apps/releases.yaml (set-image, promote) keep working for every team when one team's file
 * is broken. Other problems (a wrong team, no default export) still fail.
 */
export function scanFleet(appsDir: string, repoRoot: string): { apps: SourcedApp[]; dataStores: SourcedDataStore[]; unloaded: UnloadedApp[] } {
  if (!existsSync(appsDir)) throw new ConfigFileError('E_APPS_DIR', `apps folder '${appsDir}' does not exist`, appsDir);
  const apps: SourcedApp[] = [];
  const dataStores: SourcedDataStore[] = [];
  const unloaded: UnloadedApp[] = [];
  const problems = new Problems();
  for (const team of readdirSync(appsDir).sort()) {
    const teamDir = join(appsDir, team);
    if (!statSync(teamDir).isDirectory() || team.startsWith('.') || team === 'node_modules') continue;
    for (const file of readdirSync(teamDir).sort()) {
      if (!/\.ts$/.test(file) || /\.(test|spec|d)\.ts$/.test(file)) continue;
      const path = join(teamDir, file);
      const source = relative(repoRoot, path).split('\\').join('/');
      let definition: AppDefinition | DataStoreDefinition;
      try {
        definition = loadDefinition(path, source);
      } catch (error) {
        if (!(error instanceof ValidationError) || error.problems[0]?.code !== 'E_APP_LOAD') throw error;
        unloaded.push({ source, team, name: file.replace(/\.ts$/, ''), problem: error.problems[0] });
        continue;
      }
      // The folder is what CODEOWNERS protects: a file in one team's folder may not deploy as another team.
      if (definition.team !== team) {
        problems.add({
          code: 'E_TEAM_FOLDER',
          source,
          app: typeof definition.name === 'string' ? definition.name : undefined,
          field: 'team',
          value: definition.team ?? null,
          message: `does not match the app's folder 'apps/${team}/'`,
          fix: `set team: '${team}', or move the file to apps/${String(definition.team)}/`,
        });
      }
      if (definition.kind === 'data-store') dataStores.push({ definition, source });
      else apps.push({ definition, source });
    }
  }
  problems.throwIfAny();
  return { apps, dataStores, unloaded };
}

/** The definition an app file default-exports (`source` names it in problems). */
export function loadDefinition(path: string, source: string): AppDefinition | DataStoreDefinition {
  const module = requireUserFile(path, source, 'E_APP_LOAD') as { default?: unknown } | undefined;
  const definition = module?.default;
  if (!definition || typeof definition !== 'object' || !KINDS.has((definition as { kind?: string }).kind ?? '')) {
    throw new ConfigFileError(
      'E_APP_MODULE',
      `${source}: does not default-export an app definition. Fix: end the file with 'export default webService({ ... })' (or worker, scheduledTask) from apps/platform.ts`,
      source,
    );
  }
  return definition as AppDefinition | DataStoreDefinition;
}
