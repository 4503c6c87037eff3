import { parseQuantity } from '../../lib/internal/quantity';

/** The base-unit value of a quantity that must parse; fails the test with the problem otherwise. */
function valueOf(text: string, kind: 'cpu' | 'bytes'): number {
  const parsed = parseQuantity(text, kind);
  if ('problem' in parsed) throw new Error(`expected '${text}' to parse, got: ${parsed.problem}`);
  return parsed.value;
}

/** The problem and fix of a quantity that must not parse. */
function problemOf(text: unknown, kind: 'cpu' | 'bytes'): { problem: string; fix: string } {
  const parsed = parseQuantity(text as string, kind);
  if (!('problem' in parsed)) throw new Error(`expected '${String(text)}' to be rejected, got ${parsed.value}`);
  return parsed;
}

describe('parseQuantity', () => {
  test('reads millicores as fractions of a core', () => {
    expect(valueOf('250m', 'cpu')).toBeCloseTo(0.25);
  });

  test('reads whole and decimal cores', () => {
    expect(valueOf('1', 'cpu')).toBe(1);
    expect(valueOf('1.5', 'cpu')).toBe(1.5);
    expect(valueOf('.5', 'cpu')).toBe(0.5);
  });

  test('reads binary suffixes as powers of 1024', () => {
    expect(valueOf('512Mi', 'bytes')).toBe(512 * 1024 ** 2);
    expect(valueOf('2Gi', 'bytes')).toBe(2 * 1024 ** 3);
    expect(valueOf('1Ki', 'bytes')).toBe(1024);
  });

  test('reads decimal suffixes as powers of 1000', () => {
    expect(valueOf('2G', 'bytes')).toBe(2e9);
    expect(valueOf('500M', 'bytes')).toBe(5e8);
    expect(valueOf('1k', 'bytes')).toBe(1000);
  });

  test('reads exponents', () => {
    expect(valueOf('1e3', 'bytes')).toBe(1000);
    expect(valueOf('5E2', 'cpu')).toBe(500);
  });

  test('orders a request and a limit by value, not by text', () => {
    expect(valueOf('1Gi', 'bytes')).toBeGreaterThan(valueOf('1000Mi', 'bytes'));
    expect(valueOf('1', 'cpu')).toBeGreaterThan(valueOf('999m', 'cpu'));
  });

  test("rejects a lowercase binary suffix and suggests the capitalised one ('500mi')", () => {
    const { problem, fix } = problemOf('500mi', 'bytes');
    expect(problem).toBe("is not a Kubernetes quantity (binary suffixes are capitalised: '500Mi')");
    expect(fix).toBe("use a number with an optional suffix, e.g. '512Mi' or '2Gi'");
  });

  test("rejects a version-like string ('1.5.0')", () => {
    const { problem, fix } = problemOf('1.5.0', 'cpu');
    expect(problem).toBe('is not a Kubernetes quantity');
    expect(fix).toBe("use a number with an optional suffix, e.g. '250m' or '1'");
  });

  test("rejects a negative quantity ('-1Gi')", () => {
    const { problem, fix } = problemOf('-1Gi', 'bytes');
    expect(problem).toBe('must not be negative');
    expect(fix).toBe("use a positive quantity, e.g. '512Mi' or '2Gi'");
  });

  test("rejects memory in millibytes ('500m') and suggests Mi", () => {
    const { problem, fix } = problemOf('500m', 'bytes');
    expect(problem).toBe("is in millibytes ('m'); memory and storage take 'Mi' or 'M'");
    expect(fix).toBe("write '500Mi'");
  });

  test('accepts millicores for CPU, where m is the usual suffix', () => {
    expect(valueOf('500m', 'cpu')).toBeCloseTo(0.5);
  });

  test('rejects zero', () => {
    expect(problemOf('0', 'cpu').problem).toBe('must be greater than zero');
    expect(problemOf('0Mi', 'bytes').problem).toBe('must be greater than zero');
  });

  test('rejects a number that is not a string', () => {
    const { problem, fix } = problemOf(512, 'bytes');
    expect(problem).toBe('must be a string quantity');
    expect(fix).toBe("write it as a string, e.g. '512Mi' or '2Gi'");
  });

  test.each(['', 'Mi', '1 Gi', '1GB', 'one'])("rejects '%s'", (text) => {
    expect(problemOf(text, 'bytes').problem).toMatch(/^is not a Kubernetes quantity/);
  });
});
