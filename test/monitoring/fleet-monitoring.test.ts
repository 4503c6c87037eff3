import { resolve } from 'node:path';
import { Manifest } from '../../lib/manifest/manifest';
import { renderManifests } from '../../lib/output/render-yaml';
import { loadProject } from '../../lib/pipeline/load-project';
import { renderFleet } from '../../lib/pipeline/render-fleet';

/**
 * The reviewed monitoring output of the sample fleet (apps/): for each app in each environment,
 * its ServiceMonitor or PodMonitor, PrometheusRule and dashboard ConfigMap, as they are written to
 * dist/. A changed snapshot is a changed product; say why in the commit.
 */
const project = loadProject(resolve(__dirname, '../..'));
const rendered = renderFleet({ apps: project.apps, environments: project.environments, releases: project.releases.pin });
const MONITORING_KINDS = new Set(['ServiceMonitor', 'PodMonitor', 'PrometheusRule']);
/** An app's own extra objects (checkout-api adds a business alert) are not the platform's monitoring. */
const isExtra = (m: Manifest) => (m.metadata.annotations as Record<string, string> | undefined)?.['platform.golden-path.dev/escape-hatch'] === 'extra object (objects)';
const isMonitoring = (m: Manifest, app: string) => !isExtra(m) && (MONITORING_KINDS.has(m.kind) || (m.kind === 'ConfigMap' && m.metadata.name === `${app}-dashboard`));

describe('sample fleet monitoring', () => {
  test.each(rendered.map((r) => [`${r.app.environment}/${r.app.team}/${r.app.name}`, r] as const))('%s', (_, { app, manifests }) => {
    expect(renderManifests(app.source, manifests.filter((m) => isMonitoring(m, app.name)))).toMatchSnapshot();
  });

  test('every app with a metrics port is scraped, has rules and a dashboard; the others have none', () => {
    for (const { app, manifests } of rendered) {
      const kinds = manifests.filter((m) => isMonitoring(m, app.name)).map((m) => m.kind).sort();
      const expected = app.monitoring === undefined ? [] : ['ConfigMap', app.kind === 'worker' ? 'PodMonitor' : 'ServiceMonitor', 'PrometheusRule'].sort();
      expect([app.environment, app.name, kinds]).toEqual([app.environment, app.name, expected]);
    }
    expect(rendered.some((r) => r.app.monitoring !== undefined)).toBe(true);
  });

  test("every monitor, rule and dashboard carries the labels its environment's Prometheus or Grafana selects", () => {
    for (const { app, manifests } of rendered) {
      const monitoring = app.monitoring;
      if (!monitoring) continue;
      const wanted: Record<string, Readonly<Record<string, string>>> = {
        ServiceMonitor: monitoring.monitorLabels,
        PodMonitor: monitoring.monitorLabels,
        PrometheusRule: monitoring.ruleLabels,
        ConfigMap: monitoring.dashboard.labels,
      };
      for (const m of manifests.filter((x) => isMonitoring(x, app.name))) {
        expect(Object.keys(wanted[m.kind]).length).toBeGreaterThan(0);
        expect([app.environment, m.kind, m.metadata.labels]).toEqual([app.environment, m.kind, expect.objectContaining(wanted[m.kind])]);
      }
    }
  });
});
