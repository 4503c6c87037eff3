import { join } from 'node:path';
import { generateFleet, SyntheticFleet } from '../fleet';
import { outputStats } from '../output-stats';
import { synthRawFleet } from '../raw-plus/synth-raw-fleet';
import { RunDetail, Scenario } from '../scenario';

/**
 * (2b, opt-in) The same raw cdk8s-plus build as (2), laid out as the cdk8s docs show it: one App
 * per environment holding every chart, then `app.synth()`. cdk8s re-validates and re-resolves
 * the whole App for each chart it writes, so this grows with the square of the fleet (minutes
 * at 1,000 apps); it is here to show why our pipeline gives every chart an App of its own.
 * Not in the default run: pass `--scenarios raw-cdk8s-plus-shared-app`.
 */
export const scenario: Scenario<SyntheticFleet> = {
  id: 'raw-cdk8s-plus-shared-app',
  prepare: (input) => generateFleet({ apps: input.apps, seed: input.seed }),
  run(fleet, input): RunDetail {
    synthRawFleet(fleet, join(input.workDir, 'raw'), 'app-per-environment');
    return {};
  },
  describe: (_fleet, input) => outputStats(join(input.workDir, 'raw')),
};
