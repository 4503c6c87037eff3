import { join } from 'node:path';
import { graphCommand } from '../../lib/cli/commands/graph';
import { bufferIo } from '../../lib/cli/io';
import { UsageError } from '../../lib/internal/errors';
import { REPO } from '../fixtures/sample-fleet';

/** Reads the committed dist/ (no app code is loaded, so this runs in-process in a second). */
const run = (options: { env?: string; team?: string; format?: string }) => {
  const io = bufferIo();
  const code = graphCommand({ root: REPO, dist: join(REPO, 'dist'), ...options }, io);
  return { code, out: io.stdout() };
};

describe('platform graph (in-process, on the committed dist/)', () => {
  test('defaults to Mermaid of the last environment (prod)', () => {
    const { code, out } = run({});
    expect(code).toBe(0);
    expect(out.startsWith('flowchart LR\n')).toBe(true);
    expect(out).toContain('public: shop.acme.dev');
    expect(out).not.toContain('shop.dev.acme.dev');
  });

  test('--format json of one environment and one team', () => {
    const graph = JSON.parse(run({ env: 'dev', team: 'shop', format: 'json' }).out);
    expect(graph.environment).toBe('dev');
    expect(graph.edges.map((e: { from: string; to: string }) => `${e.from} -> ${e.to}`)).toEqual([
      'ingress-nginx -> shop/storefront',
      'monitoring -> shop/checkout-api',
      'monitoring -> shop/storefront',
      'shop/checkout-api -> payments/payment-gateway',
      'shop/sales-report -> 10.40.0.0/16',
      'shop/storefront -> shop/checkout-api',
    ]);
  });

  test('--format dot and svg', () => {
    expect(run({ format: 'dot' }).out).toMatch(/^digraph "service graph prod" \{\n/);
    const svg = run({ format: 'svg' }).out;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="service-graph"/);
    expect(svg.match(/<g class="node /g)).toHaveLength(10);
  });

  test('fails with the known values for an unknown environment, team or format', () => {
    expect(() => run({ env: 'qa' })).toThrow(
      new UsageError('E_ENV_UNKNOWN', "--env 'qa' is not an environment of the fleet (known: dev, staging, prod). Fix: use one of the known environments"),
    );
    expect(() => run({ team: 'ops' })).toThrow("--team 'ops' has no apps in prod (teams: payments, shop)");
    expect(() => run({ format: 'png' })).toThrow("--format 'png' is not a graph format (known: mermaid, dot, svg, json)");
  });
});
