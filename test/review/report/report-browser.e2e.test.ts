import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, chromium, Page } from 'playwright-core';
import { tempDir } from '../../fixtures/temp-dir';
import { REPO } from '../../fixtures/sample-fleet';

/**
 * The fleet report of the sample fleet, opened from a file in a real headless Chromium (Debian's
 * `chromium` package, driven by playwright-core, which never downloads a browser of its own).
 * Skipped with a message only on a machine without chromium outside CI; in CI (.ci/run installs
 * it) a missing browser fails.
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

  beforeAll(async () => {
    if (!executable) throw new Error('no chromium found (CI must install it: see .ci/run)');
    const out = tempDir('report-browser-');
    const run = spawnSync(process.execPath, [BIN, '--root', REPO, 'report', '--out', out, '--date', '2026-12-02'], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
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
    expect(await page.locator('svg.service-graph').count()).toBe(3);
    const visible = page.locator('.graph-panel:not([hidden])');
    expect(await visible.getAttribute('data-env')).toBe('prod');
    expect(await visible.locator('g.node').count()).toBe(10);
    expect(await visible.locator('g.edge').count()).toBe(11);
    const box = await visible.locator('g.node[data-id="shop/storefront"]').boundingBox();
    expect(box!.width).toBeGreaterThan(40);
  });

  test('draws the capacity charts and the tables', async () => {
    expect(await page.locator('svg.bar-chart').count()).toBe(6);
    expect(await page.locator('svg.bar-chart rect.bar').count()).toBe(12);
    expect(await page.locator('table.conformance tbody tr').count()).toBe(5);
    expect(await page.locator('table.findings tbody tr').count()).toBeGreaterThanOrEqual(1);
  });

  test('clicking an app shows its objects, owner, dashboard and runbooks', async () => {
    await page.locator('.graph-panel:not([hidden]) g.node[data-id="shop/storefront"]').click();
    const details = page.locator('#details');
    expect(await details.locator('h3').textContent()).toBe('shop/storefront');
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('group:default/shop');
    expect(text).toContain('Deployment shop/storefront');
    expect(text).toContain('shop.acme.dev');
    expect(text).toContain('shop/storefront → shop/checkout-api on 8080');
    expect(await details.locator('a').count()).toBeGreaterThanOrEqual(2);
  });

  test('switches environments and zooms', async () => {
    await page.locator('[data-tab="dev"]').click();
    const dev = page.locator('.graph-panel:not([hidden])');
    expect(await dev.getAttribute('data-env')).toBe('dev');
    expect(await dev.locator('g.node-data-store').count()).toBe(1);
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
