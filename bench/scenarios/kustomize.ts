import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUSTOMIZE_DIR } from '../fixtures';
import { findKubectl } from '../kustomize/find-kubectl';
import { KustomizeRoot } from '../kustomize/kustomize-tree';
import { outputStats } from '../output-stats';
import { RunDetail, Scenario } from '../scenario';
import { timedCommand } from '../timed-command';

interface KustomizeState {
  readonly kubectl?: string;
  readonly roots: readonly KustomizeRoot[];
}

/**
 * (4) `kubectl kustomize` over the equivalent base-plus-overlays tree (see kustomize-tree.ts,
 * written once per fleet size, untimed): every team root of every environment, one after the
 * other, as Argo CD renders one Application per team, each writing its output to a file. Wall
 * time includes starting kubectl for each root, as it would for each Application. CPU and peak
 * RSS are kubectl's, from GNU time; without kubectl the scenario is skipped and says so.
 */
export const scenario: Scenario<KustomizeState> = {
  id: 'kustomize',
  prepare(input) {
    if (!input.fixturesDir) throw new Error('bug: kustomize needs the fleet fixtures');
    const kubectl = findKubectl();
    if (!kubectl) return { roots: [] };
    const { teamRoots } = JSON.parse(readFileSync(join(input.fixturesDir, KUSTOMIZE_DIR, 'roots.json'), 'utf8')) as { teamRoots: KustomizeRoot[] };
    return { kubectl, roots: teamRoots };
  },
  run(state, input): RunDetail {
    if (!state.kubectl) return { skipped: 'kubectl not found on PATH; install it (kustomize is built in) to measure this baseline' };
    let cpuMs: number | undefined = 0;
    let maxRssKb: number | undefined = 0;
    for (const root of state.roots) {
      const outDir = join(input.workDir, 'kustomize-out', root.environment);
      mkdirSync(outDir, { recursive: true });
      const fd = openSync(join(outDir, `${root.team ?? 'all'}.yaml`), 'w');
      try {
        const usage = timedCommand(state.kubectl, ['kustomize', root.dir], { stdoutFd: fd });
        cpuMs = usage.cpuMs === undefined || cpuMs === undefined ? undefined : cpuMs + usage.cpuMs;
        maxRssKb = usage.maxRssKb === undefined || maxRssKb === undefined ? undefined : Math.max(maxRssKb, usage.maxRssKb);
      } finally {
        closeSync(fd);
      }
    }
    return { tool: { cpuMs, maxRssKb } };
  },
  describe: (state, input) => (state.kubectl ? outputStats(join(input.workDir, 'kustomize-out')) : {}),
};
