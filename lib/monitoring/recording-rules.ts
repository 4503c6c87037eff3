import { ResolvedApp } from '../model/resolved-app';
import { ResolvedMonitoring, ResolvedSlo } from '../model/resolved-monitoring';
import { Rule, sloRuleLabels } from './rule-group';
import { RECORDED, SliQueries, sloSeries } from './sli-queries';

/**
 * SLI recording rules of every SLO of an app: the error ratio over each alerting window, read
 * from the raw metrics, and the ratio over the whole SLO period.
 *
 * The period ratio is weighted by traffic: the sum of bad events over the sum of all events,
 * taken from 5-minute event rates recorded here (`sum_over_time` of each, divided), never an
 * average of per-window ratios, which would let a quiet night count as much as a busy day. The
 * 5-minute rates are sampled once per evaluation, so both sums carry the same factor, which
 * cancels; summing recorded rates keeps a 30-day query cheap.
 */
export function sliRecordingRules(app: ResolvedApp, monitoring: ResolvedMonitoring): Rule[] {
  const metrics = monitoring.metrics;
  if (!metrics) return [];
  const rules: Rule[] = [];
  for (const slo of monitoring.slos) {
    const q = new SliQueries(slo, metrics, monitoring.selector);
    const labels = sloRuleLabels(app, slo);
    rules.push({ record: RECORDED.totalRate5m, expr: q.total('5m'), labels });
    rules.push({ record: RECORDED.badRate5m, expr: q.bad('5m'), labels });
    for (const window of monitoring.windows) {
      rules.push({ record: RECORDED.errorRatio(window), expr: q.errorRatio(window), labels });
    }
    rules.push({ record: RECORDED.errorRatio(monitoring.period), expr: periodRatio(monitoring, slo), labels });
  }
  return rules;
}

/** Sum of bad events over the sum of all events in the period; 0 without traffic. */
function periodRatio(monitoring: ResolvedMonitoring, slo: ResolvedSlo): string {
  const sum = (metric: string) => `sum_over_time(${sloSeries(metric, monitoring, slo)}[${monitoring.period}])`;
  return `(${sum(RECORDED.badRate5m)} / (${sum(RECORDED.totalRate5m)} > 0)) or (0 * ${sum(RECORDED.badRate5m)})`;
}
