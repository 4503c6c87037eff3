import { ObjectResults, ResultsSummary } from './object-results';
import { Violation } from './rule';

/** A summary read back from JSON, or undefined when it is not one (a damaged or foreign entry: its results are read instead). */
export function asSummary(value: unknown): ResultsSummary | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { objects, schema, context, rules, found } = value as Record<string, unknown>;
  if (!Number.isInteger(objects) || typeof schema !== 'boolean' || typeof rules !== 'string') return undefined;
  if ((context !== null && typeof context !== 'string') || !Array.isArray(found)) return undefined;
  const fits = (f: unknown) =>
    Array.isArray(f) &&
    f.length === 3 &&
    Number.isInteger(f[0]) &&
    f[0] >= 0 &&
    f[0] < (objects as number) &&
    (f[1] === null || typeof f[1] === 'string') &&
    Array.isArray(f[2]);
  return found.every(fits) ? (value as ResultsSummary) : undefined;
}

/**
 * The results a summary stands for: every list it says is there for every object, empty but where
 * `found` has something. They equal the results summarized when each list of those was there for
 * every object, as nearly always. Undefined for a summary that names a finding of a list it does not
 * say is there (a damaged one).
 */
export function summarizedResults(summary: ResultsSummary): ObjectResults | undefined {
  const lists = () => Array.from({ length: summary.objects }, (): readonly Violation[] => []);
  const schema = summary.schema ? lists() : undefined;
  // Own fields whatever the id (a damaged summary's `__proto__` too).
  const byRule: Record<string, (readonly Violation[])[]> = Object.fromEntries(
    summary.rules
      .split(' ')
      .filter((id) => id !== '')
      .map((id) => [id, lists()]),
  );
  for (const [index, rule, violations] of summary.found) {
    const list = rule === null ? schema : Object.hasOwn(byRule, rule) ? byRule[rule] : undefined;
    if (list === undefined) return undefined;
    list[index] = violations;
  }
  return { ...(schema ? { schema } : {}), ...(summary.context !== null ? { rules: { context: summary.context, byRule } } : {}) };
}

/**
 * What one check run needs of an app's stored results to take its schema and memoized object
 * rules' findings from the summary alone: the schema (when it validates), and each memoized
 * object rule it runs, found in the app's context. Decided once per distinct list of rules.
 */
export class SummaryCoverage {
  private readonly covered = new Map<string, boolean>();

  /** `orders`: the place in the run's rules of each memoized object rule, by id. */
  constructor(
    private readonly schema: boolean,
    readonly orders: ReadonlyMap<string, readonly number[]>,
  ) {}

  /** Whether `summary` holds every result the run needs for an app of `objects` objects whose rules run in `context`. */
  covers(summary: ResultsSummary, objects: number, context: string): boolean {
    if (summary.objects !== objects || (this.schema && !summary.schema)) return false;
    if (this.orders.size === 0) return true;
    if (summary.context !== context) return false;
    let covered = this.covered.get(summary.rules);
    if (covered === undefined) {
      const listed = new Set(summary.rules.split(' '));
      covered = [...this.orders.keys()].every((id) => listed.has(id));
      this.covered.set(summary.rules, covered);
    }
    return covered;
  }
}
