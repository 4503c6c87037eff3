import {
  ConfigFileError,
  formatProblem,
  formatProblems,
  mergeAcrossEnvironments,
  PlatformError,
  Problem,
  Problems,
  UsageError,
  ValidationError,
} from '../../lib/internal/errors';

const base: Problem = {
  code: 'E_REPLICAS',
  source: 'apps/shop/cart.ts',
  app: 'cart',
  environment: 'prod',
  field: 'replicas.min',
  message: 'must be <= replicas.max (3)',
  value: 5,
  fix: 'lower min or raise max',
};

describe('formatProblem', () => {
  test('names the file, app, environment, field, value, fix and code, in that order', () => {
    expect(formatProblem(base)).toBe(
      "apps/shop/cart.ts: app 'cart': environment 'prod': 'replicas.min' must be <= replicas.max (3) (got 5). Fix: lower min or raise max [E_REPLICAS]",
    );
  });

  test('leaves out the parts of the location that are unknown', () => {
    expect(formatProblem({ code: 'E_X', app: 'cart', message: 'is wrong' })).toBe("app 'cart': is wrong [E_X]");
    expect(formatProblem({ code: 'E_X', message: 'is wrong' })).toBe('is wrong [E_X]');
  });

  test('leaves out the value when there is none, and shows falsy values', () => {
    expect(formatProblem({ code: 'E_X', field: 'health', message: 'is required' })).toBe("'health' is required [E_X]");
    expect(formatProblem({ code: 'E_X', field: 'port', message: 'is bad', value: 0 })).toBe("'port' is bad (got 0) [E_X]");
    expect(formatProblem({ code: 'E_X', field: 'team', message: 'is bad', value: '' })).toBe(`'team' is bad (got "") [E_X]`);
    expect(formatProblem({ code: 'E_X', field: 'name', message: 'is bad', value: null })).toBe("'name' is bad (got null) [E_X]");
  });

  test('shows strings quoted, so whitespace is visible', () => {
    expect(formatProblem({ code: 'E_X', field: 'image', message: 'is bad', value: 'a b ' })).toBe(`'image' is bad (got "a b ") [E_X]`);
  });
});

describe('formatProblems', () => {
  test('formats a single problem alone', () => {
    expect(formatProblems([base])).toBe(formatProblem(base));
  });

  test('lists several problems under a count', () => {
    const other: Problem = { code: 'E_PORT', app: 'cart', field: 'port', message: 'is bad', value: 0 };
    expect(formatProblems([base, other])).toBe(`2 problems:\n  - ${formatProblem(base)}\n  - ${formatProblem(other)}`);
  });
});

describe('ValidationError', () => {
  test('takes the code of its first problem and keeps every problem', () => {
    const other: Problem = { code: 'E_PORT', field: 'port', message: 'is bad' };
    const error = new ValidationError([base, other]);
    expect(error.code).toBe('E_REPLICAS');
    expect(error.problems).toEqual([base, other]);
    expect(error.message).toBe(formatProblems([base, other]));
    expect(error.name).toBe('ValidationError');
    expect(error).toBeInstanceOf(PlatformError);
  });

  test('falls back to E_VALIDATION when it holds no problem', () => {
    expect(new ValidationError([]).code).toBe('E_VALIDATION');
  });
});

describe('the other error classes', () => {
  test('carry their code, message and name', () => {
    const file = new ConfigFileError('E_RELEASES', 'releases.yaml: bad', 'releases.yaml');
    expect([file.code, file.message, file.file, file.name]).toEqual(['E_RELEASES', 'releases.yaml: bad', 'releases.yaml', 'ConfigFileError']);
    const usage = new UsageError('E_USAGE', 'unknown flag');
    expect([usage.code, usage.message, usage.name]).toEqual(['E_USAGE', 'unknown flag', 'UsageError']);
    expect(usage).toBeInstanceOf(PlatformError);
  });
});

describe('Problems', () => {
  test('fills in the location of every problem it records, children included', () => {
    const problems = new Problems({ source: 'apps/shop/cart.ts', app: 'cart' });
    problems.at({ environment: 'prod' }).add({ code: 'E_X', field: 'port', message: 'is bad' });
    problems.add({ code: 'E_Y', message: 'is worse' });
    expect(problems.size).toBe(2);
    expect(problems.all[0]).toEqual({ source: 'apps/shop/cart.ts', app: 'cart', environment: 'prod', code: 'E_X', field: 'port', message: 'is bad' });
    expect(problems.all[1]).toEqual({ source: 'apps/shop/cart.ts', app: 'cart', code: 'E_Y', message: 'is worse' });
  });

  test('throws nothing when empty, and one error with everything otherwise', () => {
    const problems = new Problems({ app: 'cart' });
    expect(() => problems.throwIfAny()).not.toThrow();
    problems.add({ code: 'E_X', message: 'a' });
    problems.add({ code: 'E_Y', message: 'b' });
    let thrown: unknown;
    try {
      problems.throwIfAny();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).problems.map((p) => p.code)).toEqual(['E_X', 'E_Y']);
  });
});

describe('mergeAcrossEnvironments', () => {
  test('reports one problem found in several environments once, naming each environment', () => {
    const merged = mergeAcrossEnvironments([
      { ...base, environment: 'dev' },
      { ...base, environment: 'staging' },
      { ...base, environment: 'prod' },
    ]);
    expect(merged).toEqual([{ ...base, environment: 'dev, staging, prod' }]);
  });

  test('keeps problems apart when anything but the environment differs', () => {
    const merged = mergeAcrossEnvironments([
      { ...base, environment: 'dev', value: 5 },
      { ...base, environment: 'prod', value: 6 },
      { ...base, environment: 'prod', app: 'basket' },
      { ...base, environment: 'prod', code: 'E_OTHER' },
    ]);
    expect(merged).toHaveLength(4);
    expect(merged.map((p) => p.environment)).toEqual(['dev', 'prod', 'prod', 'prod']);
  });

  test('keeps the order in which problems were first found', () => {
    const first: Problem = { code: 'E_A', app: 'a', message: 'x', environment: 'dev' };
    const second: Problem = { code: 'E_B', app: 'b', message: 'y', environment: 'dev' };
    const merged = mergeAcrossEnvironments([first, second, { ...first, environment: 'prod' }]);
    expect(merged.map((p) => [p.code, p.environment])).toEqual([
      ['E_A', 'dev, prod'],
      ['E_B', 'dev'],
    ]);
  });

  test('leaves problems without an environment without one', () => {
    const global: Problem = { code: 'E_NO_ENVIRONMENTS', field: 'environments', message: 'is empty' };
    const merged = mergeAcrossEnvironments([global]);
    expect(merged).toEqual([global]);
    expect('environment' in merged[0]).toBe(false);
  });

  test('formats the merged problem with every environment', () => {
    const [merged] = mergeAcrossEnvironments([
      { ...base, environment: 'dev' },
      { ...base, environment: 'prod' },
    ]);
    expect(formatProblem(merged)).toContain("environment 'dev, prod': 'replicas.min'");
  });
});

describe('formatProblem punctuation', () => {
  test('a message ending in a question takes no second full stop before the fix', () => {
    expect(
      formatProblem({
        code: 'E_UNKNOWN_FIELD',
        source: 'apps/shop/web.ts',
        app: 'web',
        message: "'healthh' is not a field of a web service; did you mean 'health'?",
        fix: "rename it to 'health'",
      }),
    ).toBe("apps/shop/web.ts: app 'web': 'healthh' is not a field of a web service; did you mean 'health'? Fix: rename it to 'health' [E_UNKNOWN_FIELD]");
  });
});
