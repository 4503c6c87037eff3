import { Problems } from '../../internal/errors';
import { resolveEnvironmentApps } from '../../environments/resolve-environment-apps';
import { resolveFleetEnvironments } from '../../pipeline/render-fleet';
import { loadProject } from '../../pipeline/load-project';
import { EXIT } from '../exit-codes';
import { Io } from '../io';
import { customizeRows } from './explain-customize';
import { findApp, findEnvironment } from './find-app';

export interface ExplainOptions {
  readonly root: string;
  /** @default - the environment itself: its resolved settings and the layer of each */
  readonly app?: string;
  readonly env: string;
  readonly json?: boolean;
}

const LAYER_NOTE = 'layers, lowest first: platform < environment < app < override < release < customize (the escape hatch, on the rendered objects)';
const ENVIRONMENT_LAYER_NOTE = 'layers, lowest first: platform (PLATFORM_DEFAULTS) < environment (apps/environments.ts); apps start from these';

interface Row {
  readonly field: string;
  readonly value: unknown;
  readonly origin: string;
}

/**
 * `platform explain <app> --env <env>`: every resolved value of the app and the layer it came from.
 * Without an app, the same for the environment: what every app of it starts from.
 */
export function explainCommand(options: ExplainOptions, io: Io): number {
  const project = loadProject(options.root);
  const name = findEnvironment(project.environments, options.env).name;
  const env = resolveFleetEnvironments(project.environments, project.gitops).find((e) => e.name === name)!;
  if (options.app === undefined) {
    const rows = sortedRows(env.provenance, env.settings);
    if (options.json) io.out(`${JSON.stringify({ environment: env.name, cluster: env.cluster, production: env.production, fields: rows }, null, 2)}\n`);
    else printRows(io, `environment ${env.name} (cluster ${env.cluster}${env.production ? ', production' : ''})\n${ENVIRONMENT_LAYER_NOTE}\n\n`, rows);
    return EXIT.ok;
  }
  const app = findApp(project.apps, options.app);
  // The whole environment resolves, since dependencies add values to both of their ends.
  const problems = new Problems();
  const apps = resolveEnvironmentApps(
    project.apps,
    env,
    (a) => project.releases.pin(a.definition.team, a.definition.name, env.name),
    problems,
    project.dataStores,
  );
  problems.throwIfAny();
  const resolved = apps.find((a) => a.source === app.source)!;
  const rows: Row[] = [...sortedRows(resolved.provenance, resolved.settings), ...customizeRows(resolved, app)];
  if (options.json) {
    io.out(
      `${JSON.stringify({ app: resolved.name, team: resolved.team, environment: env.name, source: resolved.source, namespace: resolved.namespace, image: resolved.image, fields: rows }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  printRows(
    io,
    `${resolved.team}/${resolved.name} in ${env.name} (${resolved.source})\nnamespace ${resolved.namespace}, image ${resolved.image}\n${LAYER_NOTE}\n\n`,
    rows,
  );
  return EXIT.ok;
}

function sortedRows(provenance: Readonly<Record<string, string>>, settings: Readonly<Record<string, unknown>>): Row[] {
  return Object.keys(provenance)
    .sort()
    .map((field) => ({ field, value: settings[field], origin: provenance[field] }));
}

function printRows(io: Io, header: string, rows: readonly Row[]): void {
  io.out(header);
  const width = Math.max(...rows.map((r) => r.field.length), 5);
  const shown = rows.map((r) => ({ ...r, text: show(r.value) }));
  const valueWidth = Math.min(Math.max(...shown.map((r) => r.text.length), 5), 60);
  io.out(`${'FIELD'.padEnd(width)}  ${'VALUE'.padEnd(valueWidth)}  FROM\n`);
  for (const r of shown) io.out(`${r.field.padEnd(width)}  ${r.text.padEnd(valueWidth)}  ${r.origin}\n`);
}

function show(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const v = value as { kind?: string; count?: number; min?: number; max?: number; path?: string; reason?: string };
    if (v.kind === 'fixed') return `fixed ${v.count}`;
    if (v.kind === 'none' && v.reason !== undefined) return `no health endpoint: ${v.reason}`;
    if (v.kind === 'autoscale') return `autoscale ${v.min}..${v.max}`;
    return JSON.stringify(value);
  }
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
