import { Manifest } from '../../lib/manifest/manifest';
import { AppResults, ObjectResults, ObjectResultsMemo, objectRulesContext } from '../../lib/policy/object-results';
import { Violation } from '../../lib/policy/rule';

const MANIFESTS = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
] as unknown as Manifest[];
const PROD = objectRulesContext('prod', true, false, 'shop');

/** A memo holding `stored` for MANIFESTS, recording what is left with it. */
function memo(stored?: ObjectResults) {
  const remembered: ObjectResults[] = [];
  const m: ObjectResultsMemo = { resultsOf: (manifests) => (manifests === MANIFESTS ? stored : undefined), remember: (_, r) => remembered.push(r) };
  return { m, remembered };
}

const found = (message: string) => (): Violation[] => [{ message }];

describe('AppResults', () => {
  test('stored results in the same context are returned without checking again, and nothing is remembered', () => {
    const { m, remembered } = memo({
      schema: [[], [{ message: 'stored schema' }]],
      rules: { context: PROD, byRule: { 'rule-a': [[], [{ message: 'stored a' }]] } },
    });
    const results = new AppResults(m, MANIFESTS, PROD);
    expect(results.schemaOf(1, found('validated again'))).toEqual([{ message: 'stored schema' }]);
    expect(results.ruleOf('rule-a', 1, found('checked again'))).toEqual([{ message: 'stored a' }]);
    results.finish();
    expect(remembered).toEqual([]);
  });

  test('object rules found in another context (here: not production) run again; the schema, which reads only the object, does not', () => {
    const { m, remembered } = memo({ schema: [[], []], rules: { context: objectRulesContext('prod', false, false, 'shop'), byRule: { 'rule-a': [[], []] } } });
    const results = new AppResults(m, MANIFESTS, PROD);
    expect(results.schemaOf(0, found('validated again'))).toEqual([]);
    expect(results.ruleOf('rule-a', 0, found('checked again'))).toEqual([{ message: 'checked again' }]);
    results.finish();
    expect(remembered).toEqual([{ schema: [[], []], rules: { context: PROD, byRule: { 'rule-a': [[{ message: 'checked again' }], null] } } }]);
  });

  test('a rule not stored yet, or stored for another number of objects, is checked and remembered with what was stored', () => {
    const { m, remembered } = memo({ rules: { context: PROD, byRule: { 'rule-a': [[]], 'rule-b': [[], []] } } });
    const results = new AppResults(m, MANIFESTS, PROD);
    expect(results.ruleOf('rule-a', 0, found('a again'))).toEqual([{ message: 'a again' }]);
    expect(results.ruleOf('rule-c', 1, found('c new'))).toEqual([{ message: 'c new' }]);
    expect(results.ruleOf('rule-b', 1, found('b again'))).toEqual([]);
    results.finish();
    expect(remembered).toEqual([
      { rules: { context: PROD, byRule: { 'rule-a': [[{ message: 'a again' }], null], 'rule-b': [[], []], 'rule-c': [null, [{ message: 'c new' }]] } } },
    ]);
  });
});
