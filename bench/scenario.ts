/**
 * The contract between the benchmark runner and one measured thing. A scenario runs in a child
 * process of its own (see child.ts), so its peak RSS and CPU time are its alone.
 *
 * `prepare` builds the input and is not timed: generating the fleet, reading the objects the
 * pipeline rendered, writing a kustomize tree. `run` is the measured work and nothing else.
 */

export const SCENARIO_IDS = ['pipeline', 'raw-cdk8s-plus', 'yaml-floor', 'kustomize', 'raw-cdk8s-plus-shared-app'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];
/** What `npm run bench` measures unless told otherwise; the shared-App variant takes minutes at 1,000 apps. */
export const DEFAULT_SCENARIOS: readonly ScenarioId[] = ['pipeline', 'raw-cdk8s-plus', 'yaml-floor', 'kustomize'];

/** What the runner hands a scenario child (as JSON on its command line). */
export interface ScenarioInput {
  readonly apps: number;
  readonly seed: number;
  /** A fresh temporary folder for this run's output; the runner deletes it afterwards. */
  readonly workDir: string;
  /** Folder of the fleet's fixtures (see fixtures.ts), for scenarios that start from the pipeline's objects. */
  readonly fixturesDir?: string;
}

/** Rusage of an external tool the scenario ran (kubectl), reported instead of the child's own. */
export interface ToolUsage {
  readonly cpuMs: number;
  readonly maxRssKb: number;
}

/** What `run` reports besides time: how much it produced, so runs can be checked for equal work. */
export interface RunDetail {
  readonly objects?: number;
  readonly files?: number;
  readonly bytes?: number;
  /** Set when the real work happened in another process; `undefined` fields mean "not measurable here". */
  readonly tool?: Partial<ToolUsage>;
  /** Why the scenario did not run (e.g. kubectl is absent); the report shows it instead of numbers. */
  readonly skipped?: string;
  /**
   * Time `run` spent on input it decodes as it goes rather than in `prepare` (see yaml-floor.ts),
   * measured by `run` itself and taken out of its wall and CPU time.
   */
  readonly untimed?: { readonly wallMs: number; readonly cpuMs: number };
}

export interface Scenario<State> {
  readonly id: ScenarioId;
  prepare(input: ScenarioInput): State;
  run(state: State, input: ScenarioInput): RunDetail;
  /** Untimed, after `run`: counts that would cost time to gather inside it (files on disk...). */
  describe?(state: State, input: ScenarioInput): RunDetail;
}

/** One measured run, as the child reports it. Times in milliseconds, memory in KiB. */
export interface Sample {
  readonly wallMs: number;
  /** User + system CPU; null when a tool did the work and its usage could not be measured. */
  readonly cpuMs: number | null;
  /** Peak resident set of the whole child (module load and prepare included), or of the tool; null as above. */
  readonly maxRssKb: number | null;
  /** Resident set after imports and prepare, just before `run`: the part of the peak that is not the work. */
  readonly startRssKb: number;
  /** process.hrtime at the start and end of `run` in microseconds, to cut a CPU profile to the run. */
  readonly startUs: number;
  readonly endUs: number;
  readonly detail: RunDetail;
}

/** Where each scenario's module is, so a child loads only the one it measures. */
export function scenarioModule(id: ScenarioId): string {
  return `${__dirname}/scenarios/${id}.ts`;
}
