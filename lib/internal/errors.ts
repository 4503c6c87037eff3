/**
 * Errors the library raises for bad input. Each carries a stable `code` that tests and docs
 * refer to. The CLI prints these without a stack trace; anything else is a bug and keeps its stack.
 */

/** Where a problem was found: every field is optional, the message uses what is known. */
export interface ProblemLocation {
  /** The app definition's source file, relative to the repository root. */
  readonly source?: string;
  readonly app?: string;
  readonly environment?: string;
  /** The field path inside the definition, e.g. `replicas.max` or `environments.prod.resources.cpu`. */
  readonly field?: string;
}

/** One thing wrong with the input, with what was received and how to fix it. */
export interface Problem extends ProblemLocation {
  readonly code: string;
  /** What is wrong, e.g. `must be <= replicas.max (3)`. */
  readonly message: string;
  /** The value received, shown verbatim. Omitted when there is no value (a missing field). */
  readonly value?: unknown;
  /** The likely fix, as an instruction. */
  readonly fix?: string;
}

/** Base class of every error the library raises on purpose. */
export class PlatformError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input (an app definition, an environment, a release) is wrong. Carries every problem found. */
export class ValidationError extends PlatformError {
  constructor(public readonly problems: readonly Problem[]) {
    super(problems[0]?.code ?? 'E_VALIDATION', formatProblems(problems));
  }
}

/** A configuration file (releases, waivers) cannot be read or parsed. */
export class ConfigFileError extends PlatformError {
  constructor(
    code: string,
    message: string,
    public readonly file?: string,
  ) {
    super(code, message);
  }
}

/** The command line was used wrongly. */
export class UsageError extends PlatformError {}

/** `apps/shop/cart.ts: cart: prod: replicas.min: must be <= replicas.max (3) (got 5). Fix: ...` */
export function formatProblem(p: Problem): string {
  const where = [p.source, p.app && `app '${p.app}'`, p.environment && `environment '${p.environment}'`].filter(Boolean).join(': ');
  const field = p.field ? `'${p.field}' ` : '';
  const got = 'value' in p && p.value !== undefined ? ` (got ${shown(p.value)})` : '';
  const said = `${field}${p.message}${got}`;
  // A message that ends a sentence itself ('did you mean 'health'?') takes no second full stop.
  const fix = p.fix ? `${/[.?!]$/.test(said) ? '' : '.'} Fix: ${p.fix}` : '';
  return `${where ? where + ': ' : ''}${said}${fix} [${p.code}]`;
}

/** A value as JSON, which a bigint or a cycle (from an app file written in JavaScript or with a cast) has not. */
function shown(value: unknown): string {
  if (typeof value === 'bigint') return `${String(value)}n`;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${String(v)}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

export function formatProblems(problems: readonly Problem[]): string {
  if (problems.length === 1) return formatProblem(problems[0]);
  return `${problems.length} problems:\n` + problems.map((p) => `  - ${formatProblem(p)}`).join('\n');
}

/**
 * Collects problems so that one run reports all of them, not just the first.
 * `at()` gives a child that fills in the location for every problem it records.
 */
export class Problems {
  private readonly list: Problem[];
  constructor(
    private readonly location: ProblemLocation = {},
    list?: Problem[],
  ) {
    this.list = list ?? [];
  }

  at(location: ProblemLocation): Problems {
    return new Problems({ ...this.location, ...location }, this.list);
  }

  add(problem: Omit<Problem, keyof ProblemLocation> & Partial<ProblemLocation>): void {
    this.list.push({ ...this.location, ...problem });
  }

  get size(): number {
    return this.list.length;
  }

  get all(): readonly Problem[] {
    return this.list;
  }

  /** Throws one ValidationError holding everything recorded so far, if anything was. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError([...this.list]);
  }
}

/**
 * One problem found in several environments (an invalid name, say) is reported once, naming
 * every environment it appears in, rather than once per environment.
 */
export function mergeAcrossEnvironments(problems: readonly Problem[]): Problem[] {
  const merged = new Map<string, Problem & { environments: string[] }>();
  for (const p of problems) {
    const key = JSON.stringify([p.code, p.source, p.app, p.field, p.message, p.value, p.fix]);
    const existing = merged.get(key);
    if (existing && p.environment) existing.environments.push(p.environment);
    else merged.set(key, { ...p, environments: p.environment ? [p.environment] : [] });
  }
  return [...merged.values()].map(({ environments, ...p }) => (environments.length > 0 ? { ...p, environment: environments.join(', ') } : p));
}
