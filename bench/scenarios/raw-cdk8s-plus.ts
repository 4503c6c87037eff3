import { join } from 'node:path';
import { generateFleet, SyntheticFleet } from '../fleet';
import { outputStats } from '../output-stats';
import { synthRawFleet } from '../raw-plus/synth-raw-fleet';
import { RunDetail, Scenario } from '../scenario';

/**
 * (2) Raw cdk8s-plus-28, as a team would use it without our library, at its best: for every app
 * and environment the same objects as ours (ServiceAccount, ConfigMap, NetworkPolicy, Service,
 * Deployment or CronJob, HPA, PDB) from L2 constructs, values merged inline with `??`, then
 * cdk8s's own `app.synth()`, which validates, resolves, stringifies with the same yaml library
 * and writes one file per chart. One cdk8s App per chart, as our pipeline does (see
 * raw-cdk8s-plus-shared-app.ts for the quadratic alternative). No checks, no monitoring objects,
 * no canonical ordering, no atomic swap.
 */
export const scenario: Scenario<SyntheticFleet> = {
  id: 'raw-cdk8s-plus',
  prepare: (input) => generateFleet({ apps: input.apps, seed: input.seed }),
  run(fleet, input): RunDetail {
    synthRawFleet(fleet, join(input.workDir, 'raw'), 'app-per-chart');
    return {};
  },
  describe: (_fleet, input) => outputStats(join(input.workDir, 'raw')),
};
