import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SyntheticFleet } from './fleet';

/**
 * Writes a synthetic fleet as a platform repository (apps/environments.ts, apps/releases.yaml, one
 * apps/<team>/<app>.ts per app), so `platform synth` can be measured on it as a whole process. An
 * app file default-exports its definition as a literal: the loader requires it like any app file,
 * without the factories (which only return such a literal).
 */
export function writeFleetRepo(root: string, fleet: SyntheticFleet): void {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('apps/environments.ts', `export const environments = ${JSON.stringify(fleet.environments)};\nexport const gitops = ${JSON.stringify(fleet.gitops)};\n`);
  write('apps/releases.yaml', '{}\n');
  for (const app of fleet.apps) writeAppFile(root, app.source, app.definition);
}

/** One app file; `edit` goes into the definition's env, to change exactly one app. */
export function writeAppFile(root: string, source: string, definition: object, edit?: string): void {
  const edited = edit === undefined ? definition : { ...definition, env: { ...(definition as { env?: object }).env, BENCH_EDIT: edit } };
  mkdirSync(dirname(join(root, source)), { recursive: true });
  writeFileSync(join(root, source), `export default ${JSON.stringify(edited)};\n`);
}
