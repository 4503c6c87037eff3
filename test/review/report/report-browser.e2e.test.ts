import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, chromium, Page } from 'playwright-core';
import type { FleetReport } from '../../../lib/review/report/fleet-report';
import { tempDir } from '../../fixtures/temp-dir';
import { REPO } from '../../fixtures/sample-fleet';

/**
 * The fleet report of the sample fleet, opened from a file in a real headless Chromium (Debian's
 * `chromium` package, driven by playwright-core, which never downloads a browser of its own).
 * Skipped with a message only on a machine without chromium outside CI; in CI (.ci/run installs
 * it) a missing browser fails.
 *
 * The sample fleet grows (adding an app to apps/ must never break `npm test`), so the expected
 * counts come from the same run's `--format json` report, never from literals: the page must draw
 * exactly what its data holds, and the data must hold something.
 */
const BIN = resolve(__dirname, '../../../bin/platform');
/** Where the screenshot goes (kept after the run, for a person to look at). */
const OUTPUT = join(REPO, 'test-output', 'report-browser');

function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    ...['chromium', 'chromium-browser'].flatMap((b) => (process.env.PATH ?? '').split(delimiter).map((d) => join(d, b))),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

const executable = findChromium();
if (!executable && !process.env.CI) {
  console.warn(
    'report-browser.e2e: skipped, no chromium on this machine (apt-get install -y chromium, or set CHROMIUM_PATH); CI installs it and runs this test',
  );
}
const describeInBrowser = executable || process.env.CI ? describe : describe.skip;

describeInBrowser('the fleet report in a real browser', () => {
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let report: FleetReport;
  /** The environment shown first: the last one (prod). */
  const graphOf = (env: string) => report.environments.find((e) => e.name === env)!.graph;

  beforeAll(async () => {
    if (!executable) throw new Error('no chromium found (CI must install it: see .ci/run)');
    const out = tempDir('report-browser-');
    for (const format of ['html', 'json']) {
      const run = spawnSync(process.execPath, [BIN, '--root', REPO, 'report', '--out', out, '--date', '2026-12-02', '--format', format], { encoding: 'utf8' });
      expect([run.status, run.stderr]).toEqual([0, '']);
    }
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as FleetReport;
    browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    // Every request is recorded; anything but the page's own file is refused.
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('draws the graph of every environment, prod shown first', async () => {
    expect(report.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(await page.locator('svg.service-graph').count()).toBe(3);
    const visible = page.locator('.graph-panel:not([hidden])');
    expect(await visible.getAttribute('data-env')).toBe('prod');
    const prod = graphOf('prod');
    expect(prod.nodes.length).toBeGreaterThan(0);
    expect(prod.edges.length).toBeGreaterThan(0);
    expect(await visible.locator('g.node').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')).sort())).toEqual(prod.nodes.map((n) => n.id).sort());
    expect(await visible.locator('g.edge').count()).toBe(prod.edges.length);
    const box = await visible.locator('g.node[data-id="shop/storefront"]').boundingBox();
    expect(box!.width).toBeGreaterThan(40);
  });

  test('draws the capacity charts and the tables', async () => {
    // Two charts (CPU, memory) per environment, one bar per team in each.
    const teamBars = report.environments.reduce((sum, e) => sum + e.capacity.teams.length, 0);
    expect(teamBars).toBeGreaterThan(0);
    expect(await page.locator('svg.bar-chart').count()).toBe(2 * report.environments.length);
    expect(await page.locator('svg.bar-chart rect.bar').count()).toBe(2 * teamBars);
    expect(report.apps.length).toBeGreaterThan(0);
    expect(await page.locator('table.conformance tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-app')))).toEqual(
      report.apps.map((a) => a.id),
    );
    // One row per finding, or the single 'No findings.' row.
    expect(await page.locator('table.findings tbody tr').count()).toBe(Math.max(report.policy.findings.length, 1));
  });

  test('clicking an app shows its objects, owner, dashboard and runbooks', async () => {
    await page.locator('.graph-panel:not([hidden]) g.node[data-id="shop/storefront"]').click();
    const details = page.locator('#details');
    expect(await details.locator('h3').textContent()).toBe('shop/storefront');
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('group:default/shop');
    expect(text).toContain('Deployment shop/storefront');
    // apps/shop/storefront.ts exposes it publicly as 'shop', under prod's domain.
    const here = report.apps.find((a) => a.id === 'shop/storefront')!.environments.find((e) => e.environment === 'prod')!;
    expect(here.hosts).toEqual(['shop.acme.com']);
    expect(text).toContain('shop.acme.com');
    expect(text).toContain('shop/storefront → shop/checkout-api on 8080');
    // The dashboard and one link per runbook.
    expect(here.dashboard).toBeDefined();
    expect(here.runbooks.length).toBeGreaterThan(0);
    expect(await details.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      here.dashboard!.url,
      ...here.runbooks.map((r) => r.url),
    ]);
  });

  test('switches environments and zooms', async () => {
    await page.locator('[data-tab="dev"]').click();
    const dev = page.locator('.graph-panel:not([hidden])');
    expect(await dev.getAttribute('data-env')).toBe('dev');
    const dataStores = graphOf('dev').nodes.filter((n) => n.kind === 'data-store').length;
    expect(dataStores).toBeGreaterThan(0);
    expect(await dev.locator('g.node-data-store').count()).toBe(dataStores);
    expect(await dev.locator('g.node').count()).toBe(graphOf('dev').nodes.length);
    await dev.locator('[data-zoom="in"]').click();
    expect(await dev.locator('svg.service-graph').getAttribute('style')).toContain('scale(1.25)');
    await page.locator('[data-tab="prod"]').click();
  });

  test('logs no error and fetches nothing but its own file; saves a screenshot', async () => {
    await page.locator('.graph-panel:not([hidden]) g.node[data-id="shop/checkout-api"]').click();
    mkdirSync(OUTPUT, { recursive: true });
    const shot = join(OUTPUT, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(requests.length).toBe(1);
  });
});
