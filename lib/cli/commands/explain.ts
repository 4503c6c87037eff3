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
  readonly app: string;
  readonly env: string;
  readonly json?: boolean;
}

const LAYER_NOTE = 'layers, lowest first: platform < environment < app < override < release < customize (the escape hatch, on the rendered objects)';

/** `platform explain <app> --env <env>`: every resolved value and the layer it came from. */
export function explainCommand(options: ExplainOptions, io: Io): number {
  const project = loadProject(options.root);
  const app = findApp(project.apps, options.app);
  const name = findEnvironment(project.environments, options.env).name;
  const env = resolveFleetEnvironments(project.environments, project.gitops).find((e) => e.name === name)!;
  // The whole environment resolves, since dependencies add values to both of their ends.
  const problems = new Problems();
  const apps = resolveEnvironmentApps(project.apps, env, (a) => project.releases.pin(a.definition.team, a.definition.name, env.name), problems);
  problems.throwIfAny();
  const resolved = apps.find((a) => a.source === app.source)!;
  const rows: { field: string; value: unknown; origin: string }[] = Object.keys(resolved.provenance)
    .sort()
    .map((field) => ({ field, value: resolved.settings[field], origin: resolved.provenance[field] }));
  rows.push(...customizeRows(resolved, app));
  if (options.json) {
    io.out(`${JSON.stringify({ app: resolved.name, team: resolved.team, environment: env.name, source: resolved.source, namespace: resolved.namespace, image: resolved.image, fields: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.out(`${resolved.team}/${resolved.name} in ${env.name} (${resolved.source})\n`);
  io.out(`namespace ${resolved.namespace}, image ${resolved.image}\n${LAYER_NOTE}\n\n`);
  const width = Math.max(...rows.map((r) => r.field.length), 5);
  const shown = rows.map((r) => ({ ...r, text: show(r.value) }));
  const valueWidth = Math.min(Math.max(...shown.map((r) => r.text.length), 5), 60);
  io.out(`${'FIELD'.padEnd(width)}  ${'VALUE'.padEnd(valueWidth)}  FROM\n`);
  for (const r of shown) io.out(`${r.field.padEnd(width)}  ${r.text.padEnd(valueWidth)}  ${r.origin}\n`);
  return EXIT.ok;
}

function show(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const v = value as { kind?: string; count?: number; min?: number; max?: number; path?: string };
    if (v.kind === 'fixed') return `fixed ${v.count}`;
    if (v.kind === 'autoscale') return `autoscale ${v.min}..${v.max}`;
    return JSON.stringify(value);
  }
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
