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
    expect(out).toContain('public: shop.acme.com');
    expect(out).not.toContain('shop.dev.acme.dev');
  });

  test('--format json of one environment and one team', () => {
    const graph = JSON.parse(run({ env: 'dev', team: 'shop', format: 'json' }).out);
    expect(graph.environment).toBe('dev');
    const edges: string[] = graph.edges.map((e: { from: string; to: string }) => `${e.from} -> ${e.to}`);
    // Edges the sample's definitions declare (other apps may add more, none may leave the team's).
    expect(edges).toEqual(
      expect.arrayContaining([
        'ingress-nginx -> shop/storefront',
        'shop/checkout-api -> payments/payment-gateway',
        'shop/orders-pooler -> shop/orders-db',
        'shop/storefront -> shop/checkout-api',
      ]),
    );
    expect(edges.filter((e) => !e.includes('shop/'))).toEqual([]);
  });

  test('--format dot and svg', () => {
    expect(run({ format: 'dot' }).out).toMatch(/^digraph "service graph prod" \{\n/);
    const svg = run({ format: 'svg' }).out;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="service-graph"/);
    const nodes = (JSON.parse(run({ format: 'json' }).out) as { nodes: unknown[] }).nodes;
    expect(nodes.length).toBeGreaterThan(5);
    expect(svg.match(/<g class="node /g)).toHaveLength(nodes.length);
  });

  test('fails with the known values for an unknown environment, team or format', () => {
    expect(() => run({ env: 'qa' })).toThrow(
      new UsageError('E_ENV_UNKNOWN', "--env 'qa' is not an environment of the fleet (known: dev, staging, prod). Fix: use one of the known environments"),
    );
    expect(() => run({ team: 'ops' })).toThrow("--team 'ops' has no apps in prod (teams: payments, shop)");
    expect(() => run({ format: 'png' })).toThrow("--format 'png' is not a graph format (known: mermaid, dot, svg, json)");
  });
});
