import type { parser as PromqlGrammar } from '@prometheus-io/lezer-promql';

let grammar: typeof PromqlGrammar | undefined;

/** The grammar (lezer and its tables, ~200 KB), loaded by the first expression parsed: a run whose apps all come from the render cache parses none. */
function promqlGrammar(): typeof PromqlGrammar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  grammar ??= (require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql')).parser;
  return grammar;
}

/** A syntax error in a PromQL expression, at a 0-based character offset. */
export interface PromqlSyntaxError {
  readonly message: string;
  readonly position: number;
}

/**
 * Syntax errors in `expression`, parsed with Prometheus's own lezer grammar (the one its web UI
 * uses): every error node in the tree is one error. Empty when the expression parses. This checks
 * syntax only; `promtool check rules` also checks types, for rules. Parsed afresh at every call.
 */
export function promqlSyntaxErrors(expression: string): readonly PromqlSyntaxError[] {
  return parse(expression);
}

/**
 * A PromQL parser that remembers its results for its own life: one check run (runChecks makes one
 * and hands it to every rule in RuleContext). A fleet repeats its expressions with only label
 * values changed (every app's rules and dashboards differ in `job="<app>"`), and the text inside a
 * string literal never changes whether an expression parses: so an expression is looked up by its
 * shape, its simple string literals emptied, and only a shape that fails is parsed as written
 * (for the error's exact position and text). The maps hold one entry per distinct shape and failure.
 */
export class PromqlParser {
  private readonly shapes = new Map<string, boolean>();
  private readonly failed = new Map<string, readonly PromqlSyntaxError[]>();
  private readonly dashboards = new Map<string, unknown>();

  /** As promqlSyntaxErrors, parsing each distinct shape once. */
  syntaxErrors(expression: string): readonly PromqlSyntaxError[] {
    const key = shapeOf(expression);
    let parses = this.shapes.get(key);
    if (parses === undefined) {
      const errors = parse(key);
      parses = errors.length === 0;
      this.shapes.set(key, parses);
      // An expression without string literals is its own shape: its errors are already known.
      if (!parses && key === expression) this.failed.set(expression, errors);
    }
    if (parses) return [];
    let errors = this.failed.get(expression);
    if (!errors) {
      errors = parse(expression);
      this.failed.set(expression, errors);
    }
    return errors;
  }

  /** What `read` finds in a dashboard's JSON, read once per distinct text: an app's dashboard is the same in every environment. */
  dashboard<T>(json: string, read: (json: string) => T): T {
    if (!this.dashboards.has(json)) this.dashboards.set(json, read(json));
    return this.dashboards.get(json) as T;
  }
}

/**
 * The expression with every double-quoted string literal emptied, when the lexer cannot read it
 * otherwise: with no single quote, backtick, backslash, comment or line break, every `"` opens or
 * closes a string, as this left-to-right match pairs them.
 */
export function shapeOf(expression: string): string {
  return /['`\\#\n]/.test(expression) ? expression : expression.replace(/"[^"]*"/g, '""');
}

function parse(expression: string): readonly PromqlSyntaxError[] {
  if (expression.trim() === '') return [{ message: 'is empty', position: 0 }];
  const errors: PromqlSyntaxError[] = [];
  promqlGrammar()
    .parse(expression)
    .iterate({
      enter: (node) => {
        if (!node.type.isError) return;
        const found = expression.slice(node.from, Math.max(node.to, node.from + 1));
        const near = expression.slice(Math.max(0, node.from - 20), node.from);
        errors.push({
          message: node.from >= expression.length ? `unexpected end of expression after '${near}'` : `unexpected '${found}' after '${near}'`,
          position: node.from,
        });
      },
    });
  return errors;
}

/**
 * Grafana's built-in interval variables, replaced by a duration of the same length so that an
 * expression written for a dashboard parses and error positions still point into the original.
 */
export function withGrafanaIntervals(expression: string): string {
  return expression.replace(
    /\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g,
    (variable) => `${'1'.repeat(variable.length - 1)}s`,
  );
}
