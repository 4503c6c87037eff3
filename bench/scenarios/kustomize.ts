import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { KUSTOMIZE_DIR } from '../fixtures';
import { findKubectl } from '../kustomize/find-kubectl';
import { outputStats } from '../output-stats';
import { RunDetail, Scenario } from '../scenario';
import { timedCommand } from '../timed-command';

interface KustomizeState {
  readonly kubectl?: string;
  readonly overlays: readonly string[];
}

/**
 * (4) `kubectl kustomize` over the equivalent base-plus-overlays tree (see kustomize-tree.ts,
 * written once per fleet size, untimed), once per environment, one after the other, each
 * writing its output to a file. CPU and peak RSS are kubectl's, measured by GNU time; without
 * kubectl the scenario is skipped and says so.
 */
export const scenario: Scenario<KustomizeState> = {
  id: 'kustomize',
  title: 'kubectl kustomize per environment over an equivalent base + overlays tree',
  prepare(input) {
    if (!input.fixturesDir) throw new Error('bug: kustomize needs the fleet fixtures');
    const kubectl = findKubectl();
    const root = join(input.fixturesDir, KUSTOMIZE_DIR, 'overlays');
    return { kubectl, overlays: kubectl ? ['dev', 'staging', 'prod'].map((env) => join(root, env)) : [] };
  },
  run(state, input): RunDetail {
    if (!state.kubectl) return { skipped: 'kubectl not found on PATH; install it (kustomize is built in) to measure this baseline' };
    const outDir = join(input.workDir, 'kustomize-out');
    mkdirSync(outDir, { recursive: true });
    let cpuMs: number | undefined = 0;
    let maxRssKb: number | undefined = 0;
    for (const overlay of state.overlays) {
      const fd = openSync(join(outDir, `${overlay.split('/').pop()}.yaml`), 'w');
      try {
        const usage = timedCommand(state.kubectl, ['kustomize', overlay], { stdoutFd: fd });
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
