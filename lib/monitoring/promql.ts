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
 * A PromQL parser that remembers its results by expression for its own life: one check run
 * (runChecks makes one and hands it to every rule in RuleContext). A fleet repeats its
 * expressions (every environment renders the same rules and dashboards), so most lookups skip
 * the parser; the map holds one entry per distinct expression of the run.
 */
export class PromqlParser {
  private readonly parsed = new Map<string, readonly PromqlSyntaxError[]>();

  /** As promqlSyntaxErrors, parsing each distinct expression once. */
  syntaxErrors(expression: string): readonly PromqlSyntaxError[] {
    let errors = this.parsed.get(expression);
    if (!errors) {
      errors = parse(expression);
      this.parsed.set(expression, errors);
    }
    return errors;
  }
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
