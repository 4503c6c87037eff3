import { Manifest } from '../../lib/manifest/manifest';
import { sampleFleet } from '../fixtures/sample-fleet';

/**
 * Properties of the sample fleet's monitoring that hold for any app added to apps/. The output
 * itself is reviewed in dist/ (test/pipeline/sample-fleet-dist.e2e.test.ts); the behaviour per
 * kind of app, with literal expectations, in test/monitoring/scrape.test.ts.
 */
const { rendered } = sampleFleet();
const MONITORING_KINDS = new Set(['ServiceMonitor', 'PodMonitor', 'PrometheusRule']);
/** An app's own extra objects (checkout-api adds a business alert) are not the platform's monitoring. */
const isExtra = (m: Manifest) =>
  (m.metadata.annotations as Record<string, string> | undefined)?.['platform.golden-path.dev/escape-hatch'] === 'extra object (objects)';
const isMonitoring = (m: Manifest, app: string) =>
  !isExtra(m) && (MONITORING_KINDS.has(m.kind) || (m.kind === 'ConfigMap' && m.metadata.name === `${app}-dashboard`));

describe('sample fleet monitoring', () => {
  test('every app with a metrics port is scraped, has rules and a dashboard; the others have none', () => {
    for (const { app, manifests } of rendered) {
      const kinds = manifests
        .filter((m) => isMonitoring(m, app.name))
        .map((m) => m.kind)
        .sort();
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
