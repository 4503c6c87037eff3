import { CRONJOB_NAME_MAX, DNS_LABEL_MAX, isEnvVarName, isLabelValue, nameProblem } from '../../lib/internal/names';

describe('nameProblem', () => {
  test.each(['checkout', 'a', 'payments-api', 'v2', 'a-b-c1'])("accepts '%s'", (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  test('accepts a name of exactly 63 characters', () => {
    expect(nameProblem('a'.repeat(63))).toBeUndefined();
  });

  test('rejects an empty name', () => {
    expect(nameProblem('')).toBe('must not be empty');
  });

  test('rejects a name over 63 characters and says how long it is', () => {
    expect(nameProblem('a'.repeat(64))).toBe('must be at most 63 characters (has 64)');
  });

  test('rejects uppercase', () => {
    expect(nameProblem('Checkout')).toBe('must be lowercase');
  });

  test('rejects a trailing dash', () => {
    expect(nameProblem('checkout-')).toBe("must not end with '-'");
  });

  test('rejects a leading digit or dash', () => {
    expect(nameProblem('1checkout')).toBe('must start with a lowercase letter');
    expect(nameProblem('-checkout')).toBe('must start with a lowercase letter');
  });

  test.each(['check_out', 'check.out', 'check out'])("rejects other characters ('%s')", (name) => {
    expect(nameProblem(name)).toBe("may contain only lowercase letters, digits and '-'");
  });

  test('applies a smaller maximum when given one', () => {
    expect(nameProblem('a'.repeat(52), CRONJOB_NAME_MAX)).toBeUndefined();
    expect(nameProblem('a'.repeat(53), CRONJOB_NAME_MAX)).toBe('must be at most 52 characters (has 53)');
  });

  test('has the Kubernetes limits', () => {
    expect(DNS_LABEL_MAX).toBe(63);
    expect(CRONJOB_NAME_MAX).toBe(52);
  });
});

describe('isLabelValue', () => {
  test.each(['1.2.3', 'v1.0.0-rc.1', 'build_7', 'A', ''])("accepts '%s'", (value) => {
    expect(isLabelValue(value)).toBe(true);
  });

  test.each(['-1.0', '1.0-', '.hidden', 'a/b', 'a'.repeat(64)])("rejects '%s'", (value) => {
    expect(isLabelValue(value)).toBe(false);
  });
});

describe('isEnvVarName', () => {
  test.each(['LOG_LEVEL', 'feature.flag', '_PRIVATE', 'a-b'])("accepts '%s'", (name) => {
    expect(isEnvVarName(name)).toBe(true);
  });

  test.each(['1ST', '', 'HAS SPACE', 'A=B'])("rejects '%s'", (name) => {
    expect(isEnvVarName(name)).toBe(false);
  });
});
