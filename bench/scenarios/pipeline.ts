import { join } from 'node:path';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { synthesize } from '../../lib/pipeline/synthesize';
import { generateFleet, SyntheticFleet } from '../fleet';
import { outputStats } from '../output-stats';
import { RunDetail, Scenario, ScenarioInput } from '../scenario';

/**
 * (1) The whole pipeline as `platform synth` runs it, minus loading app files: resolve, build,
 * synth, the platform's own objects (namespaces, Argo CD Applications when the sample project
 * has GitOps settings), the default schema and policy checks, lay out, the deletion guard and the
 * atomic write of the tree into a fresh folder. The checks are whatever `defaultChecks()` returns
 * today, built inside the timed part because compiling schemas is part of what every synth pays.
 */
export const scenario: Scenario<SyntheticFleet> = {
  id: 'pipeline',
  prepare: (input: ScenarioInput) => generateFleet({ apps: input.apps, seed: input.seed }),
  run(fleet, input): RunDetail {
    const result = synthesize({
      apps: fleet.apps,
      environments: fleet.environments,
      gitops: fleet.gitops,
      outDir: join(input.workDir, 'dist'),
      checks: defaultChecks(),
    });
    let bytes = 0;
    for (const size of result.files.values()) bytes += size;
    return { files: result.files.size, bytes };
  },
  // Counted on disk like the other scenarios, so every "objects" column means the same thing.
  describe: (_fleet, input) => ({ objects: outputStats(join(input.workDir, 'dist')).objects }),
};
