import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure';
import { ExternalSummary } from './report';
import { timedCommand } from './timed-command';

/**
 * `npm run synth` of the sample repository, measured as a user sees it: the whole process tree
 * (npm, node, loading the TypeScript sources, the pipeline), from outside. The tree goes to a temp
 * folder (`npm run synth -- --out <tmp>`), never into the repository's dist/. The runs share a
 * TypeScript transpile cache of their own (PLATFORM_TS_CACHE, see lib/internal/register-ts.js), empty
 * before the first: that run is what a fresh clone pays once, reported apart; the median is over
 * the runs after it.
 */
export function measureSampleSynth(repoRoot: string, runs: number): ExternalSummary & { samples: ReturnType<typeof timedCommand>[] } {
  const cache = mkdtempSync(join(tmpdir(), 'bench-ts-cache-'));
  const run = () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-npm-synth-'));
    try {
      return timedCommand('npm', ['run', '--silent', 'synth', '--', '--out', join(out, 'dist')], {
        cwd: repoRoot,
        env: { ...process.env, PLATFORM_TS_CACHE: cache },
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  try {
    const cold = run();
    const samples: ReturnType<typeof timedCommand>[] = [];
    for (let i = 0; i < runs; i++) samples.push(run());
    const cpu = samples.map((s) => s.cpuMs);
    const rss = samples.map((s) => s.maxRssKb);
    return {
      runs,
      wallMs: median(samples.map((s) => s.wallMs)),
      coldWallMs: cold.wallMs,
      cpuMs: cpu.every((c) => c !== undefined) ? median(cpu) : null,
      maxRssKb: rss.every((r) => r !== undefined) ? median(rss) : null,
      samples,
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
