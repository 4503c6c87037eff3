import { promqlExpressions, promqlProblems } from '../../lib/monitoring/promql-check';
import { sampleFleet } from '../fixtures/sample-fleet';

test('every PromQL expression of the sample fleet parses: rules and dashboards', () => {
  const manifests = sampleFleet().rendered.flatMap((r) => [...r.manifests]);
  const expressions = manifests.flatMap((m) => promqlExpressions(m));
  expect(expressions.length).toBeGreaterThan(10);
  expect(expressions.some((e) => e.grafana)).toBe(true);
  expect(expressions.some((e) => !e.grafana)).toBe(true);
  expect(manifests.flatMap((m) => promqlProblems(m))).toEqual([]);
});
