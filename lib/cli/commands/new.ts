import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseReleases } from '../../environments/releases';
import { setPin } from '../../environments/releases-edit';
import { reservedNamespace } from '../../environments/reserved-namespaces';
import { namespaceName } from '../../environments/resolve-namespace';
import { UsageError } from '../../internal/errors';
import { parseImage, tagProblem } from '../../internal/image';
import { CRONJOB_NAME_MAX, DNS_LABEL_MAX, JOB_APP_NAME_MAX, nameProblem } from '../../internal/names';
import { SourcedApp } from '../../model/app-definition';
import { ResolvedEnvironment } from '../../model/resolved-environment';
import { loadFleet } from '../../pipeline/load-fleet';
import { loadEnvironments, loadGitOps, projectPaths } from '../../pipeline/project';
import { resolveFleetEnvironments } from '../../pipeline/render-fleet';
import { EXIT } from '../exit-codes';
import { Io } from '../io';
import { appSource, appTestSource, NEW_KINDS, NewAppValues, NewKind } from './new-app-template';
import { synthCommand } from './synth';

export interface NewOptions {
  /** Repository root. */
  readonly root: string;
  readonly name: string;
  readonly team: string;
  /** 'web', 'worker', 'task' or 'job'. */
  readonly kind: string;
  /** Image tag pinned in every environment. @default '0.1.0' */
  readonly tag?: string;
  /** Image repository, without tag. @default - the fleet's registry folder + '/<name>' */
  readonly image?: string;
  /** @default - '<Kind> of team <team>.' */
  readonly description?: string;
}

/** Where the fleet keeps images when no app says otherwise. */
const FALLBACK_REGISTRY = 'ghcr.io';

/**
 * `platform new <name> --team <team> --kind web|worker|task|job`: writes apps/<team>/<name>.ts from
 * the golden path, pins its image in every environment of apps/releases.yaml, writes its first
 * test (test/apps/<team>/<name>.test.ts), and synthesizes. Never overwrites: an existing file or
 * app of that name in the team is a usage error. If anything fails, every file it wrote is
 * removed and apps/releases.yaml restored.
 */
export function newCommand(options: NewOptions, io: Io): number {
  const kind = checkKind(options.kind);
  checkName(options.name, kind, 'name', 'E_NEW_NAME', "'orders-api'");
  checkName(options.team, kind, 'team', 'E_NEW_TEAM', "'payments'");
  const tag = options.tag ?? '0.1.0';
  const problem = tagProblem(tag);
  if (problem) throw new UsageError('E_NEW_TAG', `--tag '${tag}' ${problem.problem}. Fix: ${problem.fix}`);

  const paths = projectPaths(resolve(options.root));
  const environments = loadEnvironments(paths);
  checkTeamNamespace(options.team, resolveFleetEnvironments(environments, loadGitOps(paths)));
  const fleet = loadFleet(paths.appsDir, paths.root);
  const appFile = join(paths.appsDir, options.team, `${options.name}.ts`);
  const testFile = join(paths.root, 'test', 'apps', options.team, `${options.name}.test.ts`);
  const shown = (file: string) => relative(paths.root, file).split('\\').join('/');
  const same = fleet.find((a) => a.definition.team === options.team && a.definition.name === options.name);
  if (same)
    throw new UsageError(
      'E_NEW_EXISTS',
      `app '${options.team}/${options.name}' already exists (${same.source}). Fix: choose another name, or edit ${same.source}`,
    );
  for (const file of [appFile, testFile]) {
    if (existsSync(file))
      throw new UsageError('E_NEW_EXISTS', `${shown(file)} already exists; 'platform new' never overwrites. Fix: choose another name, or remove the file`);
  }
  const values: NewAppValues = {
    name: options.name,
    team: options.team,
    kind,
    image: checkImage(options.image ?? `${registryFolder(fleet, options.team)}/${options.name}`),
    description: options.description ?? `${capitalize(NEW_KINDS[kind].noun)} of team ${options.team}.`,
  };

  const releasesText = existsSync(paths.releasesFile) ? readFileSync(paths.releasesFile, 'utf8') : undefined;
  const files: string[] = [];
  const folders: string[] = [];
  const write = (file: string, text: string) => {
    const missing: string[] = [];
    for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
    folders.push(...missing);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(file);
  };
  try {
    write(appFile, appSource(values));
    io.out(`created ${shown(appFile)} (${NEW_KINDS[kind].noun}, image ${values.image})\n`);
    // Loading the fleet again checks that the new definition loads; the pins are checked against it.
    const apps = loadFleet(paths.appsDir, paths.root);
    let text = releasesText ?? '';
    for (const env of environments) text = setPin(text, [options.team, options.name, env.name], tag);
    parseReleases(text, shown(paths.releasesFile), { apps, environments });
    writeFileSync(paths.releasesFile, text);
    io.out(`${shown(paths.releasesFile)}: ${options.team}/${options.name} pinned to ${tag} in ${environments.map((e) => e.name).join(', ')}\n`);
    write(testFile, appTestSource(values));
    io.out(`created ${shown(testFile)}\n`);
    synthCommand({ root: paths.root }, io);
  } catch (error) {
    for (const file of files) rmSync(file, { force: true });
    for (const folder of [...folders].reverse()) if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
    if (releasesText === undefined) rmSync(paths.releasesFile, { force: true });
    else writeFileSync(paths.releasesFile, releasesText);
    io.err(`platform new: kept nothing (removed ${files.map(shown).join(', ') || 'nothing'}; ${shown(paths.releasesFile)} as it was)\n`);
    throw error;
  }
  io.out(`next: describe the app in ${shown(appFile)}, run 'npm test', and commit it with ${shown(paths.releasesFile)}, ${shown(testFile)} and dist/\n`);
  return EXIT.ok;
}

function checkKind(kind: string): NewKind {
  if (kind in NEW_KINDS) return kind as NewKind;
  throw new UsageError(
    'E_NEW_KIND',
    `--kind '${kind}' is not a kind of app (known: ${Object.keys(NEW_KINDS).join(', ')}). Fix: web for an HTTP or gRPC service, worker for a queue consumer, task for a cron job, job for a run per release (training, backfill, migration)`,
  );
}

function checkName(value: string, kind: NewKind, what: 'name' | 'team', code: string, example: string): void {
  // A CronJob's Jobs append 11 characters to its name, a batch job's Job its release: both have shorter names.
  const max = what === 'name' && kind === 'task' ? CRONJOB_NAME_MAX : what === 'name' && kind === 'job' ? JOB_APP_NAME_MAX : DNS_LABEL_MAX;
  const problem = nameProblem(value ?? '', max);
  if (problem) {
    const label = what === 'name' ? 'app name' : '--team';
    throw new UsageError(
      code,
      `${label} '${value}' ${problem}. Fix: use lowercase letters, digits and '-', starting with a letter (at most ${max}), e.g. ${example}`,
    );
  }
}

/** A team may not claim the cluster's namespaces or the platform's (by its name or its namespace) in any environment. */
function checkTeamNamespace(team: string, environments: readonly ResolvedEnvironment[]): void {
  for (const env of environments) {
    const namespace = namespaceName(team, env);
    const why = reservedNamespace(team, env) ?? reservedNamespace(namespace, env);
    if (why !== undefined) {
      const what = namespace === team ? 'is a reserved namespace' : `gives namespace '${namespace}' in environment '${env.name}', which is reserved`;
      throw new UsageError('E_NEW_TEAM', `--team '${team}' ${what}: ${why}. Fix: use the team's own name, e.g. 'payments'`);
    }
  }
}

function checkImage(image: string): string {
  const parsed = parseImage(image);
  if ('problem' in parsed) throw new UsageError('E_NEW_IMAGE', `--image '${image}' ${parsed.problem}. Fix: ${parsed.fix}`);
  if (parsed.image.tag !== undefined || parsed.image.digest !== undefined) {
    throw new UsageError(
      'E_NEW_IMAGE',
      `--image '${image}' has a tag or digest. Fix: give the repository only (e.g. 'ghcr.io/acme/orders'); the tag goes in apps/releases.yaml (--tag)`,
    );
  }
  return image;
}

/**
 * The folder most of the team's images live in (else most of the fleet's), e.g. 'ghcr.io/acme',
 * so a new app's image sits beside its neighbours'; 'ghcr.io/<team>' in an empty fleet.
 */
function registryFolder(fleet: readonly SourcedApp[], team: string): string {
  const folders = (apps: readonly SourcedApp[]) => {
    const counts = new Map<string, number>();
    for (const app of apps) {
      const parsed = parseImage(app.definition.image);
      if (!('image' in parsed) || !parsed.image.repository.includes('/')) continue;
      const folder = parsed.image.repository.slice(0, parsed.image.repository.lastIndexOf('/'));
      counts.set(folder, (counts.get(folder) ?? 0) + 1);
    }
    return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
  };
  return folders(fleet.filter((a) => a.definition.team === team)) ?? folders(fleet) ?? `${FALLBACK_REGISTRY}/${team}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
