import { resolve } from 'node:path';
import { formatReport } from '../../policy/format-report';
import { CheckReport } from '../../policy/report';
import { defaultChecks } from '../../pipeline/default-checks';
import { loadProject } from '../../pipeline/load-project';
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
  /** Let this synth empty an environment or delete more than the guard allows. */
  readonly allowDrop?: boolean;
}

/** `platform synth`: render every app in every environment and replace dist/ in one step. */
export function synthCommand(options: SynthOptions, io: Io): number {
  const { paths, apps, environments, releases, gitops } = loadProject(options.root);
  const outDir = options.out ? resolve(options.out) : paths.outDir;
  // Errors stop the write (CheckFailedError); warnings and waivers are shown but do not.
  const onReport = (report: CheckReport) => {
    if (report.findings.length > 0 || report.waivers.length > 0) io.err(formatReport(report));
  };
  const checks = defaultChecks({ onReport, environments: environments.map((e) => e.name) });
  const result = synthesize({ apps, environments, releases: releases.pin, outDir, checks, mirrorDir: options.mirror && resolve(options.mirror), gitops, allowDrop: options.allowDrop });
  io.out(`synthesized ${apps.length} apps x ${environments.length} environments: ${result.files.size} files in ${outDir}\n`);
  return EXIT.ok;
}
