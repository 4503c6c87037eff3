import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseReleases } from '../../environments/releases';
import { setPin } from '../../environments/releases-edit';
import { scanFleet, UnloadedApp } from '../../pipeline/load-fleet';
import { loadEnvironments, projectPaths } from '../../pipeline/project';
import { SourcedApp } from '../../model/app-definition';
import { Environment } from '../../model/environment';
import { formatProblem, UsageError } from '../../internal/errors';
import { Io } from '../io';

export interface ReleaseFileContext {
  readonly apps: readonly SourcedApp[];
  /** App files that do not load: the edit goes on for every other app (their pins are taken on trust). */
  readonly unloaded: readonly UnloadedApp[];
  readonly environments: readonly Environment[];
  readonly file: string;
  readonly shown: string;
  readonly text: string;
}

/**
 * The fleet and the releases file's text (empty when the file does not exist yet). Another team's
 * broken app file does not block an edit: it is named on stderr and skipped. The environments
 * must load, since every pin names one.
 */
export function openReleaseFile(root: string, io: Io): ReleaseFileContext {
  const paths = projectPaths(resolve(root));
  const environments = loadEnvironments(paths);
  const { apps, unloaded } = scanFleet(paths.appsDir, paths.root);
  for (const u of unloaded) io.err(`warning: skipped ${formatProblem(u.problem)}\n`);
  const file = paths.releasesFile;
  return { apps, unloaded, environments, file, shown: relative(paths.root, file), text: existsSync(file) ? readFileSync(file, 'utf8') : '' };
}

/**
 * Sets one pin, checks the whole edited file against the schema and the fleet, and only then
 * writes it. Prints the change; writes nothing when the pin is already set.
 */
export function writePin(ctx: ReleaseFileContext, app: SourcedApp, env: string, pin: string, io: Io, container?: string): void {
  const team = app.definition.team;
  const name = releaseKey(app, container);
  const before = ctx.text.length > 0 ? parseReleases(ctx.text, ctx.shown, ctx) : undefined;
  const previous = (before?.doc.getIn([team, name, env]) as string | undefined) ?? undefined;
  if (previous === pin) {
    io.out(`${ctx.shown}: ${team}/${name} ${env} is already at ${pin}\n`);
    return;
  }
  const text = setPin(ctx.text, [team, name, env], pin);
  parseReleases(text, ctx.shown, ctx); // throws, and nothing is written, if the result is invalid
  writeFileSync(ctx.file, text);
  io.out(`${ctx.shown}: ${team}/${name} ${env}: ${previous ?? '(none)'} -> ${pin}\n`);
}

/** The entry of an app (or of one of its sidecars and init containers, `<app>/<container>`) in the releases file. */
export function releaseKey(app: SourcedApp, container?: string): string {
  if (container === undefined) return app.definition.name;
  const known = [...(app.definition.sidecars ?? []), ...(app.definition.initContainers ?? [])].map((c) => c.name);
  if (!known.includes(container)) {
    const { team, name } = app.definition;
    throw new UsageError(
      'E_CONTAINER_UNKNOWN',
      `--container '${container}' is not a sidecar or init container of ${team}/${name} (it has: ${known.join(', ') || 'none'}). Fix: name one of them, or leave --container out for the app's own image`,
    );
  }
  return `${app.definition.name}/${container}`;
}
