/**
 * Entry of a scenario child process: `node --require ./lib/internal/register-ts.js bench/child.ts <scenario> <input-json>`.
 * It loads only its scenario's module, prepares, then measures `run` alone and sends the sample
 * to the parent over IPC. Timing starts after imports and prepare, the same way for every
 * scenario, so module loading (transpiling TypeScript on a cold cache is slow and variable) never counts as work.
 */
import { Sample, Scenario, ScenarioId, ScenarioInput, scenarioModule } from './scenario';

function main(): void {
  const [id, inputJson] = process.argv.slice(2);
  if (!id || !inputJson) throw new Error('usage: child.ts <scenario> <input-json>');
  if (!process.send) throw new Error('child.ts must be started by the benchmark runner (it reports over IPC)');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { scenario } = require(scenarioModule(id as ScenarioId)) as { scenario: Scenario<unknown> };
  const input = JSON.parse(inputJson) as ScenarioInput;
  const state = scenario.prepare(input);

  const startRssKb = Math.round(process.memoryUsage().rss / 1024);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const ran = scenario.run(state, input);
  const t1 = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  const maxRssKb = process.resourceUsage().maxRSS;
  const detail = { ...ran, ...scenario.describe?.(state, input) };

  const ownCpuMs = (cpu.user + cpu.system) / 1000 - (detail.untimed?.cpuMs ?? 0);
  const tool = detail.tool;
  const sample: Sample = {
    wallMs: Number(t1 - t0) / 1e6 - (detail.untimed?.wallMs ?? 0),
    // When a tool did the work, its usage is the measurement; the child's own share is the spawn overhead.
    cpuMs: tool ? (tool.cpuMs === undefined ? null : tool.cpuMs + ownCpuMs) : ownCpuMs,
    maxRssKb: tool ? (tool.maxRssKb ?? null) : maxRssKb,
    startRssKb,
    startUs: Number(t0 / 1000n),
    endUs: Number(t1 / 1000n),
    detail,
  };
  process.send(sample, () => process.disconnect());
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
