import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportCommand } from '../../lib/cli/commands/report';
import { bufferIo } from '../../lib/cli/io';
import { FleetReport } from '../../lib/review/report/fleet-report';
import { tempDir } from '../fixtures/temp-dir';
import { tempRepo, webApp } from '../fixtures/temp-repo';

const role = (name: string) =>
  `objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: '${name}' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] }]`;
const waiver = (expires: string) =>
  `waivers: [{ rule: 'rbac-least-privilege', object: { kind: 'Role' }, reason: 'the vendor operator needs every verb until v4', owner: 'team-shop', expires: '${expires}' }]`;

/** web's waiver ends 20 days after the report's date, api's ended before it; ops/queue is on the golden path. */
const root = tempRepo({
  'apps/shop/web.ts': webApp('web', 'shop', `${role('web-reader')}, ${waiver('2027-06-30')}`),
  'apps/shop/api.ts': webApp('api', 'shop', `${role('api-reader')}, ${waiver('2027-06-01')}`),
  'apps/ops/queue.ts': webApp('queue', 'ops'),
});

function write(format: 'html' | 'json'): string {
  const out = tempDir('report-');
  const io = bufferIo();
  expect(reportCommand({ root, out, format, date: '2027-06-10' }, io)).toBe(0);
  const file = join(out, format === 'json' ? 'report.json' : 'index.html');
  expect(io.stdout()).toBe(`wrote ${file}: 3 apps, 2 environments, check failed\n`);
  return readFileSync(file, 'utf8');
}

describe('platform report (in-process)', () => {
  const json = write('json');
  const html = write('html');
  const report = JSON.parse(json) as FleetReport;
  const app = (id: string) => report.apps.find((a) => a.id === id)!;

  test('golden-path conformance: customized, waived (expiring, expired) or on the path, with SLOs', () => {
    expect(report.apps.map((a) => a.id)).toEqual(['ops/queue', 'shop/api', 'shop/web']);
    expect(app('ops/queue').conformance).toEqual({
      onGoldenPath: true,
      customized: [],
      waivers: [],
      slosDeclared: false,
      findings: { errors: 0, warnings: 0 },
    });
    const web = app('shop/web').conformance;
    expect(web.onGoldenPath).toBe(false);
    expect(web.customized).toEqual([
      { environment: 'dev', fields: 0, objects: 1 },
      { environment: 'prod', fields: 0, objects: 1 },
    ]);
    expect(web.waivers).toEqual([
      {
        rule: 'rbac-least-privilege',
        object: 'Role',
        reason: 'the vendor operator needs every verb until v4',
        owner: 'team-shop',
        expires: '2027-06-30',
        daysLeft: 20,
        state: 'expiring',
        findings: 2,
      },
    ]);
    expect(app('shop/api').conformance.waivers.map((w) => [w.state, w.daysLeft])).toEqual([['expired', -9]]);
    expect(report.policy.passed).toBe(false);
    expect(report.date).toBe('2027-06-10');
  });

  test('per app and environment: objects, owner, nodes in the graph', () => {
    const web = app('shop/web');
    expect(web.owner).toBe('group:default/shop');
    const prod = web.environments.find((e) => e.environment === 'prod')!;
    expect(prod.nodes).toEqual(['shop/web']);
    expect(prod.objects).toContain('Role shop/web-reader');
    expect(report.environments.map((e) => [e.name, e.graph.nodes.some((n) => n.id === 'shop/web')])).toEqual([
      ['dev', true],
      ['prod', true],
    ]);
  });

  test('capacity per environment and team, drawn as bar charts (two charts per environment, a bar per team)', () => {
    expect(report.environments[1].capacity.teams.map((t) => t.team)).toEqual(['ops', 'shop']);
    expect(html.match(/<svg [^>]*class="bar-chart"/g)).toHaveLength(4);
    expect(html.match(/<rect class="bar" /g)).toHaveLength(8);
  });

  test('the page is self-contained: nothing to fetch, no external script, style or font', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link |@import|url\(|<img /);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html.match(/<svg [^>]*class="service-graph"/g)).toHaveLength(2);
    expect(html).toContain('waiver-expiring');
    expect(html).toContain('waiver-expired');
  });

  test('the same fleet and date give the same bytes', () => {
    expect(write('html')).toBe(html);
    expect(write('json')).toBe(json);
  });

  test('rejects a date that is not a day', () => {
    expect(() => reportCommand({ root, out: tempDir('report-'), date: '2027-02-30' }, bufferIo())).toThrow(
      "--date '2027-02-30' is not a day as YYYY-MM-DD. Fix: e.g. --date 2026-01-31",
    );
  });
});
