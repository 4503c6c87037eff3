import { objectRulesContext, ObjectResults, summarize } from '../../lib/policy/object-results';
import { asSummary, summarizedResults, SummaryCoverage } from '../../lib/policy/results-summary';

const PROD = objectRulesContext('prod', true, false, 'shop');

describe('summarize', () => {
  test('lists the rules with a result for every object and only the results that found something, schema ones with a null rule', () => {
    const results: ObjectResults = {
      schema: [[], [{ field: 'spec.x', message: "unknown field 'x'" }], []],
      rules: {
        context: PROD,
        byRule: {
          'rule-a': [[], [], [{ message: 'a found' }, { message: 'a again' }]],
          'rule-b': [[], [], []],
        },
      },
    };
    expect(summarize(results, 3)).toEqual({
      objects: 3,
      schema: true,
      context: PROD,
      rules: 'rule-a rule-b ',
      found: [
        [1, null, [{ field: 'spec.x', message: "unknown field 'x'" }]],
        [2, 'rule-a', [{ message: 'a found' }, { message: 'a again' }]],
      ],
    });
  });

  test('a clean app: every rule and the schema listed, nothing found', () => {
    const results: ObjectResults = { schema: [[], []], rules: { context: PROD, byRule: { 'rule-a': [[], []] } } };
    expect(summarize(results, 2)).toEqual({ objects: 2, schema: true, context: PROD, rules: 'rule-a ', found: [] });
  });

  test('leaves out lists not found for every object (null), of another length, and ids it cannot list', () => {
    const results: ObjectResults = {
      schema: [[], null],
      rules: {
        context: PROD,
        byRule: {
          partial: [[{ message: 'not listed: the rule is not complete' }], null],
          short: [[]],
          'has space': [[], [{ message: 'not listed either' }]],
          '': [[], []],
          complete: [[], []],
        },
      },
    };
    expect(summarize(results, 2)).toEqual({ objects: 2, schema: false, context: PROD, rules: 'complete ', found: [] });
  });

  test('results with no rules run: no context, no rules', () => {
    expect(summarize({ schema: [[]] }, 1)).toEqual({ objects: 1, schema: true, context: null, rules: '', found: [] });
    expect(summarize({}, 1)).toEqual({ objects: 1, schema: false, context: null, rules: '', found: [] });
  });
});

describe('asSummary', () => {
  const good = {
    objects: 2,
    schema: true,
    context: PROD,
    rules: 'rule-a ',
    found: [
      [1, 'rule-a', [{ message: 'm' }]],
      [0, null, []],
    ],
  };

  test('gives back a summary read from JSON as it is', () => {
    expect(asSummary(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(asSummary({ ...good, context: null })).toEqual({ ...good, context: null });
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['a list', [good]],
    ['a string', 'summary'],
    ['objects not an integer', { ...good, objects: 1.5 }],
    ['objects missing', { ...good, objects: undefined }],
    ['schema not a boolean', { ...good, schema: 1 }],
    ['context a number', { ...good, context: 3 }],
    ['rules a list', { ...good, rules: ['rule-a'] }],
    ['found not a list', { ...good, found: {} }],
    ['a finding of two parts', { ...good, found: [[1, 'rule-a']] }],
    ['a finding past the last object', { ...good, found: [[2, 'rule-a', []]] }],
    ['a negative index', { ...good, found: [[-1, 'rule-a', []]] }],
    ['an index not an integer', { ...good, found: [['1', 'rule-a', []]] }],
    ['a rule id a number', { ...good, found: [[1, 7, []]] }],
    ['violations not a list', { ...good, found: [[1, 'rule-a', { message: 'm' }]] }],
  ])('is undefined for %s', (_, value) => {
    expect(asSummary(value)).toBeUndefined();
  });
});

describe('SummaryCoverage', () => {
  const summary = { objects: 2, schema: true, context: PROD, rules: 'rule-a rule-b ', found: [] };
  const orders = (...ids: string[]) => new Map(ids.map((id, i) => [id, [i]]));

  test('covers a run of the schema and some of the listed rules, in the same context and for as many objects', () => {
    expect(new SummaryCoverage(true, orders('rule-b')).covers(summary, 2, PROD)).toBe(true);
    expect(new SummaryCoverage(false, orders('rule-a', 'rule-b')).covers(summary, 2, PROD)).toBe(true);
  });

  test('does not cover a rule it does not list, another context, another number of objects, or the schema when not validated', () => {
    expect(new SummaryCoverage(false, orders('rule-a', 'rule-c')).covers(summary, 2, PROD)).toBe(false);
    expect(new SummaryCoverage(false, orders('rule-a')).covers(summary, 2, objectRulesContext('prod', false, false, 'shop'))).toBe(false);
    expect(new SummaryCoverage(false, orders('rule-a')).covers(summary, 3, PROD)).toBe(false);
    expect(new SummaryCoverage(true, orders()).covers({ ...summary, schema: false }, 2, PROD)).toBe(false);
    // An id is listed whole: 'rule' is not 'rule-a'.
    expect(new SummaryCoverage(false, orders('rule')).covers(summary, 2, PROD)).toBe(false);
  });

  test('a run of the schema alone reads no context: any summary of the schema covers it', () => {
    expect(new SummaryCoverage(true, orders()).covers({ ...summary, context: null, rules: '' }, 2, PROD)).toBe(true);
  });

  test('decides once per list of rules, and each list on its own', () => {
    const coverage = new SummaryCoverage(false, orders('rule-b'));
    expect(coverage.covers(summary, 2, PROD)).toBe(true);
    expect(coverage.covers({ ...summary, rules: 'rule-a ' }, 2, PROD)).toBe(false);
    expect(coverage.covers({ ...summary }, 2, PROD)).toBe(true);
  });
});

describe('summarizedResults', () => {
  test('gives back results whose every list was there for every object, findings in place', () => {
    const results: ObjectResults = {
      schema: [[], [{ field: 'spec.x', message: "unknown field 'x'" }]],
      rules: { context: PROD, byRule: { 'rule-a': [[{ message: 'a found' }], []], 'rule-b': [[], []] } },
    };
    expect(summarizedResults(summarize(results, 2))).toEqual(results);
  });

  test('holds no schema when the summary has none for every object, and no rules when none ran', () => {
    expect(summarizedResults({ objects: 2, schema: false, context: null, rules: '', found: [] })).toEqual({});
    expect(summarizedResults({ objects: 1, schema: true, context: PROD, rules: '', found: [] })).toEqual({
      schema: [[]],
      rules: { context: PROD, byRule: {} },
    });
  });

  test('results with a list not there for every object are not what their summary stands for (encodeChecks stores them whole)', () => {
    const results: ObjectResults = { schema: [[], null], rules: { context: PROD, byRule: { 'rule-a': [[], []] } } };
    expect(summarizedResults(summarize(results, 2))).toEqual({ rules: { context: PROD, byRule: { 'rule-a': [[], []] } } });
  });

  test('is undefined for a summary naming a finding of a list it does not say is there', () => {
    expect(summarizedResults({ objects: 1, schema: false, context: PROD, rules: 'rule-a ', found: [[0, null, [{ message: 'x' }]]] })).toBeUndefined();
    expect(summarizedResults({ objects: 1, schema: true, context: PROD, rules: 'rule-a ', found: [[0, 'rule-b', [{ message: 'x' }]]] })).toBeUndefined();
    expect(summarizedResults({ objects: 1, schema: true, context: PROD, rules: 'rule-a ', found: [[0, 'constructor', [{ message: 'x' }]]] })).toBeUndefined();
  });
});
