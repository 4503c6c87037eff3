// Writes the Prometheus rules the platform generates as plain rule files, for promtool:
//   node -r ./lib/internal/register-ts.js scripts/promtool-rules.ts <out-dir>
// <out-dir>/fleet/<env>/<namespace>-<rule>.rules.yaml  every PrometheusRule of the sample fleet (apps/):
//                                                      the platform's per app, and an app's own extra ones
// <out-dir>/fixtures/<file>                              the apps the promtool unit tests run against
// A PrometheusRule's `spec` is a rule file's content (`groups:`), so each is written as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { resolveApp } from '../lib/environments/resolve';
import { fleetInput, loadProject } from '../lib/pipeline/load-project';
import { renderFleet, resolveFleetEnvironments } from '../lib/pipeline/render-fleet';
import { buildChart } from '../lib/stacks/build-chart';
import { Manifest } from '../lib/manifest/manifest';
import { PROMTOOL_ENVIRONMENT, PROMTOOL_FIXTURES } from './promtool-fixtures';

/** Every PrometheusRule among the manifests, each as a rule file's content, by the object's name. */
function ruleFiles(manifests: readonly Manifest[]): { name: string; content: string }[] {
  return manifests
    .filter((m) => m.kind === 'PrometheusRule')
    .map((m) => ({ name: m.metadata.name, content: stringify({ groups: (m.spec as { groups?: unknown[] }).groups ?? [] }, { lineWidth: 0 }) }));
}

function write(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

function main(outDir: string, root: string): void {
  const written: string[] = [];
  for (const { app, manifests } of renderFleet(fleetInput(loadProject(root)))) {
    for (const { name, content } of ruleFiles(manifests)) {
      const file = join(outDir, 'fleet', app.environment, `${app.namespace}-${name}.rules.yaml`);
      write(file, content);
      written.push(file);
    }
  }
  const [environment] = resolveFleetEnvironments([PROMTOOL_ENVIRONMENT]);
  for (const fixture of PROMTOOL_FIXTURES) {
    const app = resolveApp({ definition: fixture.definition, source: `scripts/promtool-fixtures.ts#${fixture.definition.name}` }, environment);
    const rules = ruleFiles(buildChart(app).chart.toJson() as Manifest[]);
    if (rules.length !== 1) throw new Error(`fixture ${fixture.definition.name} generated ${rules.length} PrometheusRules, not one`);
    const { content } = rules[0];
    const file = join(outDir, 'fixtures', fixture.file);
    write(file, content);
    written.push(file);
  }
  process.stdout.write(written.map((f) => `${f}\n`).join(''));
}

const [outDir] = process.argv.slice(2);
if (!outDir) {
  process.stderr.write('usage: node -r ./lib/internal/register-ts.js scripts/promtool-rules.ts <out-dir>\n');
  process.exitCode = 2;
} else {
  main(resolve(outDir), resolve(__dirname, '..'));
}
