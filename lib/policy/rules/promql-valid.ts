import { promqlProblems } from '../../monitoring/promql-check';
import { ObjectRule } from '../rule';

export const promqlValid: ObjectRule = {
  id: 'promql-valid',
  scope: 'object',
  severity: 'error',
  finding: 'a PromQL expression in an alerting rule or dashboard does not parse',
  why: 'Prometheus rejects the whole rule group (and with it every alert of the app), and a dashboard panel shows an error instead of data',
  fix: "correct the expression; it is parsed with Prometheus's own grammar (@prometheus-io/lezer-promql)",
  admission: { synthOnly: 'parses PromQL, which CEL cannot' },
  check: (object, context) =>
    promqlProblems(object, context.promql).map((p) => ({
      field: p.location,
      message: `'${p.expression.length > 80 ? `${p.expression.slice(0, 77)}...` : p.expression}' does not parse at character ${p.position + 1}: ${p.message}`,
    })),
};
