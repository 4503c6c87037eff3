import { resolve } from 'node:path';
import { defaultChecks } from '../../pipeline/default-checks';
import { loadFleet } from '../../pipeline/load-fleet';
import { loadEnvironments, projectPaths } from '../../pipeline/project';
import { synthesize } from '../../pipeline/synthesize';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export interface SynthOptions {
  /** Repository root. */
  readonly root: string;
  /** Output folder. @default '<root>/dist' */
  readonly out?: string;
  /** A second folder to copy the tree to (the cdk8s CLI's output). @default - none */
  readonly mirror?: string;
}

/** `platform synth`: render every app in every environment and replace dist/ in one step. */
export function synthCommand(options: SynthOptions, io: Io): number {
  const paths = projectPaths(resolve(options.root));
  const environments = loadEnvironments(paths);
  const apps = loadFleet(paths.appsDir, paths.root);
  const outDir = options.out ? resolve(options.out) : paths.outDir;
  const result = synthesize({ apps, environments, outDir, checks: defaultChecks(), mirrorDir: options.mirror && resolve(options.mirror) });
  io.out(`synthesized ${apps.length} apps x ${environments.length} environments: ${result.files.size} files in ${outDir}\n`);
  return EXIT.ok;
}
