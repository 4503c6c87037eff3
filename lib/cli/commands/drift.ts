import { canonicalize } from '../../output/canonical';
import { flatten } from '../../output/flatten';
import { manifestId } from '../../manifest/manifest';
import { renderFleet } from '../../pipeline/render-fleet';
import { fleetInput, loadProject } from '../../pipeline/load-project';
import { EXIT } from '../exit-codes';
import { Io } from '../io';
import { findApp } from './find-app';

export interface DriftOptions {
  readonly root: string;
  readonly app: string;
  readonly json?: boolean;
  /** Also show label differences, which repeat on every object. @default false */
  readonly all?: boolean;
}

/** Labels differ on every object alike (environment, version); shown once as a count unless --all. */
const LABEL_FIELD = /(^|\.)labels\./;

export interface DriftRow {
  readonly object: string;
  readonly field: string;
  /** Environment name -> value; absent where the field (or the object) does not exist there. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** `platform drift <app>`: what differs between the environments in one app's rendered output. */
export function driftCommand(options: DriftOptions, io: Io): number {
  const project = loadProject(options.root);
  const app = findApp(project.apps, options.app);
  // The whole fleet: the app's dependencies (other apps, shared stores) shape its objects too.
  const rendered = renderFleet(fleetInput(project)).filter((r) => r.app.source === app.source);
  const envs = project.environments.map((e) => e.name);
  const all = driftRows(
    rendered.map((r) => ({ environment: r.app.environment, manifests: r.manifests })),
    envs,
  );
  const rows = options.all ? all : all.filter((r) => !LABEL_FIELD.test(r.field));
  if (options.json) {
    io.out(`${JSON.stringify({ app: `${app.definition.team}/${app.definition.name}`, environments: envs, differences: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  const hidden = all.length - rows.length;
  io.out(
    `${app.definition.team}/${app.definition.name}: ${rows.length} fields differ across ${envs.join(', ')}${hidden ? ` (${hidden} label differences hidden; --all shows them)` : ''}\n`,
  );
  let object = '';
  for (const row of rows) {
    if (row.object !== object) io.out(`\n${(object = row.object)}\n`);
    io.out(`  ${row.field}\n${envs.map((e) => `    ${e.padEnd(10)} ${e in row.values ? JSON.stringify(row.values[e]) : '(absent)'}`).join('\n')}\n`);
  }
  return EXIT.ok;
}

/** Every field whose value is not the same in all environments, by object then field. */
export function driftRows(
  renderings: readonly { environment: string; manifests: readonly { kind: string; metadata: { name: string } }[] }[],
  envs: readonly string[],
): DriftRow[] {
  const byObject = new Map<string, Map<string, Map<string, unknown>>>();
  for (const { environment, manifests } of renderings) {
    for (const m of manifests) {
      // Namespaces may differ per environment by design; compare objects by kind and name.
      const id = manifestId({ ...m, metadata: { name: m.metadata.name } } as never);
      const perEnv = byObject.get(id) ?? new Map<string, Map<string, unknown>>();
      perEnv.set(environment, flatten(canonicalize(m)));
      byObject.set(id, perEnv);
    }
  }
  const rows: DriftRow[] = [];
  for (const id of [...byObject.keys()].sort()) {
    const perEnv = byObject.get(id)!;
    const fields = new Set([...perEnv.values()].flatMap((f) => [...f.keys()]));
    for (const field of [...fields].sort()) {
      const values: Record<string, unknown> = {};
      for (const env of envs) {
        const flat = perEnv.get(env);
        if (flat?.has(field)) values[env] = flat.get(field);
      }
      const distinct = new Set(envs.map((e) => (e in values ? JSON.stringify(values[e]) : '\u0000absent')));
      if (distinct.size > 1) rows.push({ object: id, field, values });
    }
  }
  return rows;
}
