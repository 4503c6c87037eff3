/**
 * `node -r ./lib/internal/register-ts.js bench/profile-summary.ts <file.cpuprofile> [--top N] [--all]`: where a scenario's time
 * goes, from a V8 CPU profile written by `npm run bench -- --profile DIR`. Only the samples taken
 * during the measured `run` count (the `.window.json` beside the profile says when that was;
 * `--all` keeps module loading and prepare too). Prints self time by area (our modules, each
 * package, GC), the hottest functions by self time, and our functions by inclusive time, which
 * reads as a breakdown by pipeline stage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const REPO_ROOT = resolve(__dirname, '..');

/** Where a frame's code lives: one of our folders, a package, Node itself, or a V8 pseudo-frame. */
export function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  if (path.startsWith('node:')) return 'node internals';
  if (path.startsWith(REPO_ROOT)) {
    const parts = relative(REPO_ROOT, path).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.join('/');
  }
  return path;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const path = url ? relative(REPO_ROOT, url.replace(/^file:\/\//, '')) : '';
  // A profile holds the transpiled line numbers of our TypeScript, which mislead, so only packages get one.
  const where = path && path.includes('node_modules/') ? `${path}:${lineNumber + 1}` : path;
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

export function summarize(profile: CpuProfile, window?: { startUs: number; endUs: number }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    // A sample's duration is the gap to the next one; the last has none, so use its own delta.
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i];
    if (window && (t < window.startUs || t > window.endUs)) return;
    const node = byId.get(id)!;
    total += dt;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + dt);
    const a = area(node.callFrame.url, node.callFrame.functionName);
    areas.set(a, (areas.get(a) ?? 0) + dt);
    // Count each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!;
      if (!frame.callFrame.url.includes(`${REPO_ROOT}/lib/`)) continue;
      const n = frameName(frame);
      if (seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalUs: total, areas: top(areas), self: top(self), inclusive: top(inclusive) };
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' }, all: { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) throw new Error('usage: node -r ./lib/internal/register-ts.js bench/profile-summary.ts <file.cpuprofile> [--top N] [--all]');
  const n = Number(values.top ?? 25);
  const windowFile = file.replace(/\.cpuprofile$/, '.window.json');
  const window = !values.all && existsSync(windowFile) ? (JSON.parse(readFileSync(windowFile, 'utf8')) as { startUs: number; endUs: number }) : undefined;
  const s = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, window);
  const pct = (us: number) => `${((100 * us) / s.totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  const out: string[] = [`${file}: ${(s.totalUs / 1000).toFixed(0)} ms sampled${window ? ' during run' : ' (whole process)'}`, '', 'Self time by area:'];
  for (const [a, us] of s.areas.slice(0, n)) out.push(`  ${pct(us)}  ${a}`);
  out.push('', 'Hottest functions (self time):');
  for (const [f, us] of s.self.slice(0, n)) out.push(`  ${pct(us)}  ${f}`);
  out.push('', 'Our functions (inclusive time):');
  for (const [f, us] of s.inclusive.slice(0, n)) out.push(`  ${pct(us)}  ${f}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

if (require.main === module) main();
