import { resolve } from 'node:path';
import { formatReport } from '../../policy/format-report';
import { CheckReport } from '../../policy/report';
import { defaultChecks } from '../../pipeline/default-checks';
import { loadProject } from '../../pipeline/load-project';
import { projectPaths } from '../../pipeline/project';
import { claimOutput } from '../../output/claim-output';
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

/**
 * `platform synth`: render every app in every environment and replace dist/ in one step. The
 * output folders are claimed (checked, locked, recovered) before any app code is loaded.
 */
export function synthCommand(options: SynthOptions, io: Io): number {
  const root = resolve(options.root);
  const outDir = options.out ? resolve(options.out) : projectPaths(root).outDir;
  const mirrorDir = options.mirror ? resolve(options.mirror) : undefined;
  const onWait = (pid: number, file: string) => io.err(`synth: waiting for another synth (pid ${pid}) to finish writing; its lock is ${file}\n`);
  const claims = [claimOutput(outDir, root, { onWait })];
  try {
    if (mirrorDir) claims.push(claimOutput(mirrorDir, root, { onWait, flag: '--mirror' }));
    for (const line of claims.flatMap((c) => c.recovered)) io.err(`synth: ${line}\n`);
    return synthesizeProject(root, outDir, mirrorDir, options, io);
  } finally {
    for (const claim of claims.reverse()) claim.release();
  }
}

function synthesizeProject(root: string, outDir: string, mirrorDir: string | undefined, options: SynthOptions, io: Io): number {
  const { apps, dataStores, environments, releases, gitops } = loadProject(root);
  // Errors stop the write (CheckFailedError); warnings and waivers are shown but do not.
  const onReport = (report: CheckReport) => {
    if (report.findings.length > 0 || report.waivers.length > 0) io.err(formatReport(report));
  };
  const checks = defaultChecks({ onReport, environments: environments.map((e) => e.name) });
  const result = synthesize({ apps, dataStores, environments, releases: releases.pin, outDir, checks, mirrorDir, gitops, allowDrop: options.allowDrop });
  io.out(`synthesized ${apps.length} apps x ${environments.length} environments: ${result.files.size} files in ${outDir}\n`);
  return EXIT.ok;
}
