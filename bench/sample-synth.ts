import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure';
import { ExternalSummary } from './report';
import { timedCommand } from './timed-command';

/**
 * `npm run synth` of the sample repository, measured as a user sees it: the whole process tree
 * (npm, node, tsx compiling the app files, the pipeline), from outside. The tree goes to a temp
 * folder (`npm run synth -- --out <tmp>`), never into the repository's dist/.
 */
export function measureSampleSynth(repoRoot: string, runs: number): ExternalSummary & { samples: ReturnType<typeof timedCommand>[] } {
  const samples: ReturnType<typeof timedCommand>[] = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'bench-npm-synth-'));
    try {
      samples.push(timedCommand('npm', ['run', '--silent', 'synth', '--', '--out', join(out, 'dist')], { cwd: repoRoot }));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  const cpu = samples.map((s) => s.cpuMs);
  const rss = samples.map((s) => s.maxRssKb);
  return {
    runs,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: cpu.every((c) => c !== undefined) ? median(cpu as number[]) : null,
    maxRssKb: rss.every((r) => r !== undefined) ? median(rss as number[]) : null,
    samples,
  };
}
