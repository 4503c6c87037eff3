import { find, synthApp, testEnvironment, Untyped, webDef, workerDef } from '../helpers';

const SLO = { availability: 99.9, latency: { threshold: '300ms', objective: 99 } };
const web = (overrides: Record<string, unknown> = {}) => webDef({ metricsPort: 9090, ...overrides });

interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: { h: number; w: number; x: number; y: number };
  readonly targets?: { expr: string; legendFormat: string; refId: string }[];
  readonly fieldConfig?: { defaults: { unit?: string; thresholds?: { steps: { value: number | null }[] } } };
}

function dashboardOf(manifests: ReturnType<typeof synthApp>, name = 'checkout'): { configMap: Untyped; json: string; model: Untyped; panels: Panel[] } {
  const configMap = find(manifests, 'ConfigMap', `${name}-dashboard`);
  const [json] = Object.values<string>(configMap.data);
  const model = JSON.parse(json);
  return { configMap, json, model, panels: model.panels };
}
const panel = (panels: Panel[], title: string): Panel => {
  const found = panels.filter((p) => p.title === title);
  if (found.length !== 1) throw new Error(`expected one panel '${title}', found ${found.length} among ${panels.map((p) => p.title).join(', ')}`);
  return found[0];
};

describe('Grafana dashboard', () => {
  const { configMap, json, model, panels } = dashboardOf(synthApp(web({ slo: SLO })));

  test('is a ConfigMap labelled for the Grafana sidecar, in the team folder, one JSON file', () => {
    expect(configMap.metadata.namespace).toBe('shop');
    expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1', 'app.kubernetes.io/name': 'checkout' });
    expect(configMap.metadata.annotations).toMatchObject({ grafana_folder: 'shop' });
    expect(Object.keys(configMap.data)).toEqual(['shop_checkout.json']);
  });

  test('the sidecar label and folder follow the environment', () => {
    const env = testEnvironment({ monitoring: { dashboardLabels: { dashboards: 'apps' }, dashboardFolder: 'Teams/{team}' } });
    const cm = dashboardOf(synthApp(web(), env)).configMap;
    expect(cm.metadata.labels.dashboards).toBe('apps');
    expect(cm.metadata.labels.grafana_dashboard).toBeUndefined();
    expect(cm.metadata.annotations.grafana_folder).toBe('Teams/shop');
  });

  test('has a stable UID and title, the link the alerts carry, and a data source variable', () => {
    expect([model.uid, model.title]).toEqual(['shop_checkout', 'checkout (shop)']);
    expect(model.templating.list).toEqual([expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' })]);
    const targets = panels.flatMap((p) => p.targets ?? []);
    expect(targets.length).toBeGreaterThan(10);
    for (const p of panels.filter((p) => p.type !== 'row'))
      expect([p.title, (p as unknown as { datasource: unknown }).datasource]).toEqual([p.title, { type: 'prometheus', uid: '${datasource}' }]);
  });

  test('is deterministic: the same app gives the same bytes, keys sorted, panel ids 1..n', () => {
    expect(dashboardOf(synthApp(web({ slo: SLO }))).json).toBe(json);
    const keysSorted = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.every(keysSorted)
        : value === null ||
          typeof value !== 'object' ||
          (Object.keys(value).join() === Object.keys(value).sort().join() && Object.values(value).every(keysSorted));
    expect(keysSorted(model)).toBe(true);
    expect(panels.map((p) => p.id)).toEqual(panels.map((_, i) => i + 1));
    expect(json.endsWith('}\n')).toBe(true);
  });

  test('panels never overlap on the 24-column grid', () => {
    const cells = new Set<string>();
    for (const p of panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  test('request rate by status code', () => {
    const p = panel(panels, 'Request rate by code');
    expect(p.targets).toEqual([
      expect.objectContaining({
        expr: 'sum by (code) (rate(http_requests_total{job="checkout",namespace="shop"}[$__rate_interval]))',
        legendFormat: '{{code}}',
      }),
    ]);
    expect(p.fieldConfig?.defaults.unit).toBe('reqps');
  });

  test('error ratio, with the error budget as a threshold line', () => {
    const p = panel(panels, 'Error ratio');
    expect(p.targets?.[0].expr).toContain('code=~"5.."');
    expect(p.fieldConfig?.defaults.unit).toBe('percentunit');
    expect(p.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 0.001]);
  });

  test('latency p50, p90 and p99 from the histogram, with the SLO threshold', () => {
    const p = panel(panels, 'Latency');
    expect(p.targets?.map((t) => [t.legendFormat, t.expr])).toEqual(
      [0.5, 0.9, 0.99].map((q) => [
        `p${Math.round(q * 100)}`,
        `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout",namespace="shop"}[$__rate_interval])))`,
      ]),
    );
    expect(p.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 0.3]);
  });

  test('per SLO: attainment, error budget remaining and burn rate against the alert factors', () => {
    expect(panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual([
      'Traffic',
      'SLO checkout-availability: 99.9% over 30d',
      'SLO checkout-latency: 99% over 30d',
      'Pods',
    ]);
    expect(panel(panels, 'Availability (30d)').targets?.[0].expr).toBe('1 - slo:sli_error:ratio_rate30d{namespace="shop",slo="checkout-availability"}');
    expect(panel(panels, 'Requests under 300ms (30d)').targets?.[0].expr).toBe('1 - slo:sli_error:ratio_rate30d{namespace="shop",slo="checkout-latency"}');
    const remaining = panels.filter((p) => p.title === 'Error budget remaining (30d)');
    expect(remaining.map((p) => p.targets?.[0].expr)).toEqual([
      'slo:period_error_budget_remaining:ratio{namespace="shop",slo="checkout-availability"}',
      'slo:period_error_budget_remaining:ratio{namespace="shop",slo="checkout-latency"}',
    ]);
    const burn = panels.filter((p) => p.title.startsWith('Burn rate'))[0];
    expect(burn.targets?.map((t) => t.legendFormat)).toEqual(['5m', '1h', '6h', '1d', '3d']);
    expect(burn.targets?.[1].expr).toBe('slo:sli_error:ratio_rate1h{namespace="shop",slo="checkout-availability"} / 0.001');
    expect(burn.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 1, 3, 6, 14.4]);
  });

  test('without SLOs: traffic and pods only; a worker without metrics names: pods only', () => {
    const plain = dashboardOf(synthApp(web()))
      .panels.filter((p) => p.type === 'row')
      .map((p) => p.title);
    expect(plain).toEqual(['Traffic', 'Pods']);
    const worker = dashboardOf(synthApp(workerDef({ metricsPort: 9090 })), 'mailer').panels;
    expect(worker.map((p) => p.title)).toEqual(['Pods', 'Healthy scrape targets', 'CPU (cores)', 'Memory (working set)']);
    expect(panel(worker, 'Healthy scrape targets').targets?.[0].expr).toBe('sum(up{job="mailer",namespace="shop"})');
  });

  test('no metrics port, no dashboard', () => {
    expect(synthApp(webDef()).some((m) => m.metadata.name === 'checkout-dashboard')).toBe(false);
  });
});

test('the description is the app’s, once punctuated, and says where the dashboard comes from', () => {
  const { model } = dashboardOf(synthApp(web({ description: 'Takes orders.' })));
  expect(model.description).toBe('Takes orders. Generated by the golden path from apps/shop/checkout.ts; edits in Grafana are lost.');
});
