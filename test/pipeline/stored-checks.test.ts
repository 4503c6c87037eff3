import { encodeChecks, StoredChecks, storedResults } from '../../lib/pipeline/cache/stored-checks';
import { objectRulesContext, ObjectResults } from '../../lib/policy/object-results';

const CONTEXT = objectRulesContext('prod', true, false, 'shop');
const RESULTS: ObjectResults = {
  schema: [[], []],
  rules: { context: CONTEXT, byRule: { 'rule-a': [[{ field: 'spec', message: 'found' }], []], 'rule-b': [[], null] } },
};

describe('stored check results', () => {
  test('are their summary on the first line, then the results as JSON', () => {
    expect(encodeChecks(RESULTS, 2).split('\n')).toEqual([
      JSON.stringify({ objects: 2, schema: true, context: CONTEXT, rules: 'rule-a ', found: [[0, 'rule-a', [{ field: 'spec', message: 'found' }]]] }),
      JSON.stringify(RESULTS),
    ]);
  });

  test('results whose every list is there for every object are stored as their summary alone, and read back whole', () => {
    const whole: ObjectResults = {
      schema: [[], [{ field: 'spec.x', message: "unknown field 'x'" }]],
      rules: { context: CONTEXT, byRule: { 'rule-a': [[{ field: 'spec', message: 'found' }], []], 'rule-b': [[], []] } },
    };
    const encoded = encodeChecks(whole, 2);
    expect(encoded).toBe(
      '{"objects":2,"schema":true,"context":' +
        JSON.stringify(CONTEXT) +
        ',"rules":"rule-a rule-b ","found":[[1,null,[{"field":"spec.x","message":"unknown field \'x\'"}]],[0,"rule-a",[{"field":"spec","message":"found"}]]]}\n',
    );
    expect(storedResults(encoded)).toEqual(whole);
    expect(new StoredChecks(Buffer.from(encoded)).results()).toEqual(whole);
    // A clean app's: no rule found anything.
    const clean: ObjectResults = { schema: [[], [], []], rules: { context: CONTEXT, byRule: { 'rule-a': [[], [], []] } } };
    expect(encodeChecks(clean, 3)).toBe(`{"objects":3,"schema":true,"context":${JSON.stringify(CONTEXT)},"rules":"rule-a ","found":[]}\n`);
    expect(storedResults(encodeChecks(clean, 3))).toEqual(clean);
  });

  test('a summary alone that does not read back, or names a finding of a list it does not hold, is no results', () => {
    const unlisted = { objects: 1, schema: false, context: CONTEXT, rules: 'rule-a ', found: [[0, 'rule-b', [{ message: 'found' }]]] };
    for (const line of ['{"objects": 2', 'null', JSON.stringify(unlisted)]) {
      expect(storedResults(`${line}\n`)).toBeUndefined();
      expect(new StoredChecks(Buffer.from(`${line}\n`)).results()).toBeUndefined();
    }
  });

  test('read back: the summary and the results, each parsed once', () => {
    const stored = new StoredChecks(Buffer.from(encodeChecks(RESULTS, 2)));
    expect(stored.summary()).toEqual({
      objects: 2,
      schema: true,
      context: CONTEXT,
      rules: 'rule-a ',
      found: [[0, 'rule-a', [{ field: 'spec', message: 'found' }]]],
    });
    expect(stored.summary()).toBe(stored.summary());
    expect(stored.results()).toEqual(RESULTS);
    expect(stored.results()).toBe(stored.results());
  });

  test('results stored without a summary (no newline) are results alone', () => {
    const stored = new StoredChecks(Buffer.from(JSON.stringify(RESULTS)));
    expect(stored.summary()).toBeUndefined();
    expect(stored.results()).toEqual(RESULTS);
  });

  test('a summary that does not read back is none: the results are still read', () => {
    for (const line of ['{"objects": 2', '{"objects":"2","schema":true,"context":null,"rules":"","found":[]}', 'null']) {
      const stored = new StoredChecks(Buffer.from(`${line}\n${JSON.stringify(RESULTS)}`));
      expect(stored.summary()).toBeUndefined();
      expect(stored.results()).toEqual(RESULTS);
    }
  });

  test('results that are not an object, or do not parse, are none', () => {
    const summary = JSON.stringify({ objects: 2, schema: false, context: null, rules: '', found: [] });
    for (const results of ['[]', 'null', '"results"', '{"schema": [']) {
      const stored = new StoredChecks(Buffer.from(`${summary}\n${results}`));
      expect(stored.results()).toBeUndefined();
      expect(stored.summary()).toEqual({ objects: 2, schema: false, context: null, rules: '', found: [] });
    }
  });

  test("keep a copy of the bytes: the pack's buffer may be reused once the hit is decoded", () => {
    const bytes = Buffer.from(encodeChecks(RESULTS, 2));
    const stored = new StoredChecks(bytes);
    bytes.fill(0x20);
    expect(stored.results()).toEqual(RESULTS);
    expect(stored.summary()?.objects).toBe(2);
  });
});
