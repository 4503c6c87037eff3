import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diffCommand } from '../../lib/cli/commands/diff';
import { bufferIo } from '../../lib/cli/io';
import { COMMENT_MARKER } from '../../lib/review/format-markdown';
import { sampleRepo, worktrees } from '../review/repo-fixtures';

jest.setTimeout(120_000);
const BIN = resolve(__dirname, '../../bin/platform');

describe('platform diff --base on a real change to a sample app', () => {
  // A copy of the sample fleet, committed; then storefront gets 6..20 pods in prod instead of
  // 4..20, 300m CPU and 512Mi instead of 200m and 384Mi, NET_BIND_SERVICE, and monitoring may call it.
  const { top, root } = sampleRepo();
  const file = join(root, 'apps/shop/storefront.ts');
  const source = readFileSync(file, 'utf8');
  const edits: [string, string][] = [
    ["resources: { cpu: '200m', memory: '384Mi' },", "resources: { cpu: '300m', memory: '512Mi' },\n  security: { bindPrivilegedPorts: true },"],
    ['Replicas.autoscale({ min: 4, max: 20 })', 'Replicas.autoscale({ min: 6, max: 20 })'],
    [
      "  expose: Exposure.public({ host: 'shop' }),",
      "  expose: Exposure.public({ host: 'shop' }),\n  network: { ingress: [Peer.namespace('monitoring', { port: 8080 })] },",
    ],
    ["import { Exposure, Health, Replicas, webService } from '../platform';", "import { Exposure, Health, Peer, Replicas, webService } from '../platform';"],
  ];
  for (const [from] of edits) if (!source.includes(from)) throw new Error(`apps/shop/storefront.ts no longer contains ${from}: update this test's change`);
  writeFileSync(
    file,
    edits.reduce((text, [from, to]) => text.replace(from, to), source),
  );

  const io = bufferIo();
  const code = diffCommand({ root, format: 'json' }, io);
  const report = JSON.parse(io.stdout());

  test('renders the base in a worktree (no dist/ committed) and the working tree in memory', () => {
    expect(code).toBe(0);
    expect(report.base.how).toBe('rendered in a temporary worktree: no dist/ committed');
    expect(report.head).toEqual({ label: 'working tree', how: 'rendered from the sources' });
    expect(worktrees(top)).toHaveLength(1);
  });

  test('changes only storefront, field by field, in every environment', () => {
    expect(new Set(report.objects.map((o: { app: string }) => o.app))).toEqual(new Set(['shop/storefront']));
    const hpa = report.objects.find((o: { environment: string; kind: string }) => o.environment === 'prod' && o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.fields).toEqual([{ path: 'spec.minReplicas', before: 4, after: 6 }]);
    expect(report.environments.map((e: { name: string; counts: { changed: number } }) => [e.name, e.counts.changed])).toEqual([
      ['dev', 2],
      ['staging', 2],
      ['prod', 3],
    ]);
  });

  test('flags the wider ingress, the capability and the capacity per environment', () => {
    const flags = report.risks.map((r: { rule: string; environment: string; message: string }) => `${r.rule} ${r.environment}: ${r.message}`);
    expect(flags).toContain(
      'exposure/network-policy prod: allows more ingress: from every pod in namespaces {kubernetes.io/metadata.name=monitoring} on TCP/8080',
    );
    expect(flags).toContain("privilege/capabilities prod: container 'storefront': adds capabilities NET_BIND_SERVICE");
    // prod: before 4..20 x 0.2 vCPU = 0.8..4, after 6..20 x 0.3 = 1.8..6; memory 4..20 x 0.375 GiB = 1.5..7.5, after 6..20 x 0.5 = 3..10.
    // dev: 1 pod, +0.1 vCPU and +0.125 GiB. The totals after '(now' depend on the rest of the fleet.
    const capacity = (env: string) => flags.find((f: string) => f.startsWith(`capacity/requests ${env}:`));
    expect(capacity('prod')).toMatch(/^capacity\/requests prod: requests \+1 vCPU, \+1\.5 GiB at min; \+2 vCPU, \+2\.5 GiB at max \(now /);
    expect(capacity('dev')).toMatch(/^capacity\/requests dev: requests \+0\.1 vCPU, \+0\.125 GiB at min; \+0\.1 vCPU, \+0\.125 GiB at max \(now /);
    expect(report.risks.filter((r: { family: string }) => ['deletion', 'apply-hazard', 'disruption'].includes(r.family))).toEqual([]);
  });

  test('end to end: the real command prints the pull-request comment', () => {
    const run = spawnSync(process.execPath, [BIN, '--root', root, 'diff', '--format', 'markdown'], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout.startsWith(`${COMMENT_MARKER}\n### \`platform diff\``)).toBe(true);
    expect(run.stdout).toMatch(/\n\| prod \| {2}\| 3 \| {2}\| {2}\| {2}\| [\d.]+ vCPU → \*\*[\d.]+ vCPU\*\* \(\+1 vCPU at min, \+2 vCPU at max\) \|/);
    expect(run.stdout).toContain('-   spec.minReplicas: 4\n+   spec.minReplicas: 6');
    expect(worktrees(top)).toHaveLength(1);
  });

  test('end to end: a bad ref exits 2 without a stack trace', () => {
    const run = spawnSync(process.execPath, [BIN, '--root', root, 'diff', '--base', 'nope'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: --base 'nope' is not a commit in this repository");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
