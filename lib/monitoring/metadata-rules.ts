import { ResolvedApp } from '../model/resolved-app';
import { ResolvedMonitoring } from '../model/resolved-monitoring';
import { Rule, sloRuleLabels } from './rule-group';
import { promqlNumber, RECORDED, sloSeries } from './sli-queries';

/**
 * What dashboards and people read about each SLO: its objective and error budget as series, the
 * current burn rate (5-minute error ratio over the budget: 1 spends the budget exactly over the
 * period), the burn rate over the whole period and the share of the budget left (1 - that; below
 * 0 once the budget is spent).
 */
export function sloMetadataRules(app: ResolvedApp, monitoring: ResolvedMonitoring): Rule[] {
  if (!monitoring.metrics) return [];
  const rules: Rule[] = [];
  for (const slo of monitoring.slos) {
    const labels = sloRuleLabels(app, slo);
    const budget = promqlNumber(slo.errorBudget);
    rules.push(
      { record: RECORDED.objective, expr: `vector(${promqlNumber(slo.objective)})`, labels },
      { record: RECORDED.errorBudget, expr: `vector(${budget})`, labels },
      { record: RECORDED.currentBurnRate, expr: `${sloSeries(RECORDED.errorRatio('5m'), monitoring, slo)} / ${budget}`, labels },
      { record: RECORDED.periodBurnRate, expr: `${sloSeries(RECORDED.errorRatio(monitoring.period), monitoring, slo)} / ${budget}`, labels },
      { record: RECORDED.budgetRemaining, expr: `1 - ${sloSeries(RECORDED.periodBurnRate, monitoring, slo)}`, labels },
    );
  }
  return rules;
}
