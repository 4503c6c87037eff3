import { promqlValid } from '../../../../lib/policy/rules/promql-valid';
import { webDef } from '../../../helpers';
import { edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

/** A web service with a metrics port and SLOs: it renders a PrometheusRule and a dashboard. */
const monitored = () => golden(webDef({ metricsPort: 9090, slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } } }));

export const MONITORING_CASES: readonly RuleCase[] = [
  {
    rule: promqlValid,
    compliant: monitored,
    violating: () => edit(monitored(), 'PrometheusRule', (r) => (r.spec.groups[0].rules[0].expr = 'sum(rate(http_requests_total[5m])')),
    message: "'sum(rate(http_requests_total[5m])' does not parse at character",
    field: 'spec.groups[0].rules[0].expr',
  },
];
