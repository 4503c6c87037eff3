import { Manifest } from '../manifest/manifest';
import { Violation } from './rule';

/**
 * What the schema and the object-scoped rules found in one app's objects, by the object's index in
 * the app: the part of a check run that reads one object at a time, so it can be stored with the
 * app's rendering and reused while the rendering is. Waivers are not in it: they are applied after,
 * on every run, so a waiver added or expired never reads a stale finding.
 */
export interface ObjectResults {
  /** Each object's schema problems (null: not validated yet). @default - not validated yet */
  readonly schema?: (readonly Violation[] | null)[];
  /** Each object rule's violations per object, by rule id, found in `context`. @default - no rule run yet */
  readonly rules?: {
    /** What the rules knew besides the object (`objectRulesContext`): results found in another are not reused. */
    readonly context: string;
    readonly byRule: Record<string, (readonly Violation[] | null)[]>;
  };
}

/** One object's results that found something: its index in the app, the rule's id (null: the schema) and what was found. */
export type SummaryFinding = readonly [index: number, rule: string | null, violations: readonly Violation[]];

/**
 * An app's `ObjectResults` in short, stored beside them: which results are there for every object,
 * and only those that found something. Nearly every app finds nothing, so a run whose checks the
 * summary covers reads one short line per app instead of a list per object and rule, and loops
 * over none of its objects for the object rules or the schema (see `SummaryCoverage`).
 */
export interface ResultsSummary {
  /** How many objects the results are of. */
  readonly objects: number;
  /** Every object's schema problems are in the results. */
  readonly schema: boolean;
  /** What the object rules knew besides the object (`objectRulesContext`); null when no rule ran. */
  readonly context: string | null;
  /** The ids of the object rules whose results are there for every object, each followed by a space. */
  readonly rules: string;
  /** Every non-empty result of the schema and of the rules in `rules`, in no particular order. */
  readonly found: readonly SummaryFinding[];
}

/** The summary of `results` of `objects` objects: what is there for every object, and what found something. */
export function summarize(results: ObjectResults, objects: number): ResultsSummary {
  const found: SummaryFinding[] = [];
  const complete = (list: readonly (readonly Violation[] | null)[] | undefined): list is readonly (readonly Violation[])[] =>
    Array.isArray(list) && list.length === objects && list.every((v) => Array.isArray(v));
  const collect = (list: readonly (readonly Violation[])[], rule: string | null) =>
    list.forEach((violations, index) => {
      if (violations.length > 0) found.push([index, rule, violations]);
    });
  const schema = complete(results.schema);
  if (schema) collect(results.schema, null);
  let rules = '';
  // An id holding the separator cannot be listed; its results are simply not summarized (pack ids are kebab-case).
  for (const [id, list] of Object.entries(results.rules?.byRule ?? {})) {
    if (id === '' || id.includes(' ') || !complete(list)) continue;
    rules += `${id} `;
    collect(list, id);
  }
  return { objects, schema, context: results.rules?.context ?? null, rules, found };
}

/**
 * Where a check run finds and leaves the per-object results of an app's objects, found by its
 * manifests (the render cache is one: a hit's manifests come with the results stored with them).
 * Only the platform's own rule pack may use one: results are found by rule id, and the render
 * cache's key covers the pack's code, not a caller's rules.
 */
export interface ObjectResultsMemo {
  resultsOf(manifests: readonly Manifest[]): ObjectResults | undefined;
  remember(manifests: readonly Manifest[], results: ObjectResults): void;
  /** The summary of the stored results (`summarize`), when there is one and no run changed them since. @default - none: the results are read */
  summaryOf?(manifests: readonly Manifest[]): ResultsSummary | undefined;
}

/** Results found already (by a render worker), read first; what a run adds goes on to `memo`. */
export function givenResults(results: ObjectResults, memo?: ObjectResultsMemo): ObjectResultsMemo {
  return { resultsOf: (manifests) => memo?.resultsOf(manifests) ?? results, remember: (manifests, found) => memo?.remember(manifests, found) };
}

/** One app's per-object results during a check run: the stored ones where they fit, and what this run found. */
export class AppResults {
  // The stored lists themselves, completed in place: the memo gets them back whole in `finish`.
  private schema: (readonly Violation[] | null)[] | undefined;
  private readonly byRule: Record<string, (readonly Violation[] | null)[]>;
  private changed = false;

  /** `context` says what object rules know besides the object (`objectRulesContext`). */
  constructor(
    private readonly memo: ObjectResultsMemo,
    private readonly manifests: readonly Manifest[],
    private readonly context: string,
  ) {
    const stored = memo.resultsOf(manifests);
    this.schema = this.fits(stored?.schema) ? stored.schema : undefined;
    this.byRule = stored?.rules?.context === context ? { ...stored.rules.byRule } : {};
  }

  /** The schema problems of the object at `index`: stored, or found by `validate` and kept. */
  schemaOf(index: number, validate: () => readonly Violation[]): readonly Violation[] {
    return this.lookup((this.schema ??= this.fill()), index, validate);
  }

  /** The violations of object rule `rule` in the object at `index`: stored, or found by `check` and kept. */
  ruleOf(rule: string, index: number, check: () => readonly Violation[]): readonly Violation[] {
    const stored = this.byRule[rule];
    return this.lookup(this.fits(stored) ? stored : (this.byRule[rule] = this.fill()), index, check);
  }

  /** Leaves what this run found with the memo, for the next run. */
  finish(): void {
    if (!this.changed) return;
    this.memo.remember(this.manifests, {
      ...(this.schema ? { schema: this.schema } : {}),
      rules: { context: this.context, byRule: this.byRule },
    });
  }

  private lookup(list: (readonly Violation[] | null)[], index: number, find: () => readonly Violation[]): readonly Violation[] {
    const stored = list[index];
    if (isList(stored)) return stored;
    const found = find();
    // Nearly every result is empty: one shared list, not one per object and rule, while the memo holds them (~3 KB an app rendering).
    list[index] = found.length === 0 ? NONE : found;
    this.changed = true;
    return found;
  }

  private fill(): (readonly Violation[] | null)[] {
    return new Array<readonly Violation[] | null>(this.manifests.length).fill(null);
  }

  // A list of another length (an entry not written by this code) is not read at all.
  private fits<T>(list: T[] | undefined): list is T[] {
    return Array.isArray(list) && list.length === this.manifests.length;
  }
}

const NONE: readonly Violation[] = Object.freeze([]);

/** Stored results are read back from JSON: anything but a list is a result not found yet. */
function isList(value: readonly Violation[] | null | undefined): value is readonly Violation[] {
  return Array.isArray(value);
}

/** What object rules know of an object besides the object itself: results found under another are not reused. */
export function objectRulesContext(environment: string, production: boolean, platform: boolean, namespace: string | undefined): string {
  return JSON.stringify([environment, production, platform, namespace ?? null]);
}
