import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { SyntheticFleet } from '../fleet';
import { naiveValues } from './naive-values';
import { buildPlusApp } from './plus-app-chart';

/**
 * How the raw cdk8s-plus baseline lays its charts out over cdk8s Apps:
 * - 'app-per-chart': one App per app and environment, the structure our pipeline uses, because
 *   cdk8s validates and resolves the whole App again for every chart it synthesizes;
 * - 'app-per-environment': one App per environment holding every chart, as the cdk8s docs
 *   show it, which makes `app.synth()` quadratic in the number of charts.
 */
export type RawLayout = 'app-per-chart' | 'app-per-environment';

/** Builds every app in every environment with cdk8s-plus and writes it with cdk8s's own `app.synth()`. */
export function synthRawFleet(fleet: SyntheticFleet, outRoot: string, layout: RawLayout): void {
  for (const env of fleet.environments) {
    const outdir = join(outRoot, env.name);
    let shared: App | undefined;
    for (const { definition, source } of fleet.apps) {
      const app = layout === 'app-per-chart' ? new App({ outdir }) : (shared ??= new App({ outdir }));
      const chart = new Chart(app, definition.name, { namespace: definition.team, disableResourceNameHashes: true });
      buildPlusApp(chart, naiveValues(definition, env, source));
      if (layout === 'app-per-chart') app.synth();
    }
    shared?.synth();
  }
}
