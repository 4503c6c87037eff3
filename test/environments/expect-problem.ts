import { Problem, ValidationError } from '../../lib/internal/errors';
import { expectError } from '../helpers';

export interface ExpectedProblem {
  readonly code: string;
  /** The field path as the message names it, e.g. `replicas.min` or `environments.prod.resources.cpu`. */
  readonly field: string;
  /** The value received; `null` when the problem names no value. */
  readonly value: unknown;
  /** Text the fix must contain. */
  readonly fix: string | RegExp;
  /** Text the message must contain. */
  readonly message?: string | RegExp;
  /** @default 'checkout' */
  readonly app?: string | null;
  /** @default 'prod' */
  readonly environment?: string;
}

/**
 * Runs `fn`, expecting a ValidationError with one problem matching `expected`, and checks that the
 * error message names the app, the environment, the field, the value and a fix. Returns the problem.
 */
export function expectProblem(fn: () => unknown, expected: ExpectedProblem): Problem {
  const error = expectError<ValidationError>(fn);
  expect(error).toBeInstanceOf(ValidationError);
  const problem = error.problems.find((p) => p.code === expected.code && p.field === expected.field);
  if (!problem) {
    throw new Error(`expected a problem ${expected.code} at '${expected.field}', got:\n${error.message}`);
  }
  if (expected.value === null) expect(problem.value ?? null).toBeNull();
  else expect(problem.value).toEqual(expected.value);
  if (expected.message !== undefined) expect(problem.message).toMatch(expected.message);
  expect(problem.fix).toMatch(expected.fix);
  if (expected.app === null) {
    // A problem of the environment itself: reported against apps/environments.ts, not an app.
    expect(problem.app).toBeUndefined();
    expect(problem.source).toBe('apps/environments.ts');
    expect(error.message).toContain('apps/environments.ts');
  } else {
    expect(problem.app).toBe(expected.app ?? 'checkout');
    expect(error.message).toContain(`app '${expected.app ?? 'checkout'}'`);
  }
  expect(problem.environment).toBe(expected.environment ?? 'prod');

  expect(error.message).toContain(`environment '${expected.environment ?? 'prod'}'`);
  expect(error.message).toContain(`'${expected.field}' ${problem.message}`);
  if (expected.value !== null) expect(error.message).toContain(`(got ${JSON.stringify(expected.value)})`);
  expect(error.message).toContain(`Fix: ${problem.fix}`);
  expect(error.message).toContain(`[${expected.code}]`);
  return problem;
}

/** Like expectProblem, and also that it is the only problem (so the error's code is its code). */
export function expectOnlyProblem(fn: () => unknown, expected: ExpectedProblem): Problem {
  const error = expectError<ValidationError>(fn);
  expect(error.problems.map((p) => `${p.code} ${p.field}`)).toEqual([`${expected.code} ${expected.field}`]);
  expect(error.code).toBe(expected.code);
  return expectProblem(fn, expected);
}
