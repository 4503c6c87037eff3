import { PlatformError, Problem, ValidationError } from '../internal/errors';

/**
 * Requires a file the user wrote (an app definition, apps/environments.ts). A syntax error or a
 * throw while it loads is the user's to fix, not a platform bug: it becomes a problem naming the
 * file and line, with no stack trace. Errors the platform raises on purpose (a definition that
 * does not validate) pass through unchanged.
 */
export function requireUserFile(path: string, source: string, code: string): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as unknown;
  } catch (error) {
    if (error instanceof PlatformError) throw error;
    throw new ValidationError([loadProblem(error, path, source, code)]);
  }
}

/** The problem a failed require() stands for, at the file's line when the error tells it. */
function loadProblem(error: unknown, path: string, source: string, code: string): Problem {
  const syntax = esbuildError(error);
  if (syntax) {
    return {
      code,
      source: `${source}:${syntax.line}`,
      message: `does not compile: ${syntax.text}`,
      fix: 'correct the syntax at that line (npx tsc --noEmit shows every error)',
    };
  }
  const line = lineIn(error, path);
  const what = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${firstLine(error.message)}` : String(error);
  const isSyntax = error instanceof SyntaxError;
  return {
    code,
    source: line === undefined ? source : `${source}:${line}`,
    message: isSyntax ? `does not compile: ${what}` : `throws when loaded: ${what}`,
    fix: isSyntax
      ? 'correct the syntax at that line (npx tsc --noEmit shows every error)'
      : 'correct the code that throws; the file should only declare values',
  };
}

/** esbuild (lib/internal/register-ts.js) reports a syntax error as `errors: [{ text, location: { line } }]`. */
function esbuildError(error: unknown): { line: number; text: string } | undefined {
  const first = (error as { errors?: { text?: unknown; location?: { line?: unknown } | null }[] } | null)?.errors?.[0];
  if (typeof first?.text !== 'string' || typeof first.location?.line !== 'number') return undefined;
  return { line: first.location.line, text: first.text };
}

/** The first line of the user's file the stack mentions (source maps make it the .ts line). */
function lineIn(error: unknown, path: string): number | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const at = stack.indexOf(`${path}:`);
  if (at < 0) return undefined;
  const match = /^:(\d+)/.exec(stack.slice(at + path.length));
  return match ? Number(match[1]) : undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
