import { ResolvedApp } from '../model/resolved-app';
import { ResolvedBurnRateAlert, ResolvedMonitoring, ResolvedSlo } from '../model/resolved-monitoring';
import { MONITORING_ALERTS, MonitoringAlert } from '../model/slo';
import { durationSeconds, humanDuration } from './duration';
import { appRuleLabels, Rule, RuleGroup, sloRuleLabels } from './rule-group';
import { promqlNumber, promqlString, RECORDED, seriesSelector, sloSeries } from './sli-queries';

/**
 * Multi-window, multi-burn-rate alerts for every SLO: each fires when the error ratio over both
 * its long window (is it significant?) and its short window (is it still happening?) exceeds
 * `factor` x the error budget. The short window makes an alert stop soon after the problem does.
 */
export function sloAlertRules(app: ResolvedApp, monitoring: ResolvedMonitoring): Rule[] {
  const metrics = monitoring.metrics;
  if (!metrics) return [];
  const rules: Rule[] = [];
  for (const slo of monitoring.slos) {
    for (const alert of monitoring.burnRateAlerts) rules.push(burnRateAlert(app, monitoring, slo, alert));
    if (slo.latency && metrics.latencyHistogram) {
      const count = seriesSelector(`${metrics.latencyHistogram}_count`, monitoring.selector);
      const bucket = seriesSelector(`${metrics.latencyHistogram}_bucket`, monitoring.selector, [`le=~${promqlString(slo.latency.leRegex)}`]);
      rules.push({
        alert: MONITORING_ALERTS.latencyBucketMissing,
        expr: `count(${count}) unless count(${bucket})`,
        for: '15m',
        labels: { ...sloRuleLabels(app, slo), severity: 'warning' },
        annotations: annotations(monitoring, MONITORING_ALERTS.latencyBucketMissing, {
          summary: `${slo.name}: the histogram has no ${slo.latency.threshold} bucket`,
          description: `${metrics.latencyHistogram} of ${app.name} in ${app.namespace} has no bucket with le=${slo.latency.seconds}, so the latency SLI (requests slower than ${slo.latency.threshold}) cannot be computed and its burn-rate alerts cannot fire. Add ${slo.latency.seconds} to the histogram's buckets, or set slo.latency.threshold to an existing bucket boundary.`,
        }),
      });
    }
  }
  return rules;
}

/** The app has no healthy scrape target: its pods are gone, or /metrics stopped answering. */
export function scrapeAlertRules(app: ResolvedApp, monitoring: ResolvedMonitoring): RuleGroup {
  const up = seriesSelector('up', { job: monitoring.selector.job, namespace: monitoring.selector.namespace });
  const blind = monitoring.slos.length > 0 ? ' Its SLO alerts cannot fire without these metrics.' : '';
  return {
    name: `${app.name}-scrape`,
    rules: [
      {
        alert: MONITORING_ALERTS.targetMissing,
        expr: `absent(${up} == 1)`,
        for: monitoring.targetMissing.for,
        labels: { ...appRuleLabels(app), severity: monitoring.targetMissing.severity },
        annotations: annotations(monitoring, MONITORING_ALERTS.targetMissing, {
          summary: `${app.name} in ${app.namespace} has no healthy scrape target`,
          description: `Prometheus has had no successful scrape of ${app.name} (job=${monitoring.selector.job}, namespace=${app.namespace}) for ${monitoring.targetMissing.for}: its pods are gone or not ready, or ${monitoring.scrape.path} on port '${monitoring.scrape.port}' does not answer.${blind}`,
        }),
      },
    ],
  };
}

function burnRateAlert(app: ResolvedApp, monitoring: ResolvedMonitoring, slo: ResolvedSlo, alert: ResolvedBurnRateAlert): Rule {
  const threshold = `(${promqlNumber(alert.factor)} * ${promqlNumber(slo.errorBudget)})`;
  const window = (w: string) => `(${sloSeries(RECORDED.errorRatio(w), monitoring, slo)} > ${threshold})`;
  const exhausted = humanDuration(durationSeconds(monitoring.period) / alert.factor);
  const budgetPercent = `${Number((slo.errorBudget * 100).toPrecision(6))}%`;
  const what = slo.sli === 'availability' ? 'requests failed' : `requests were slower than ${slo.latency?.threshold}`;
  return {
    alert: MONITORING_ALERTS.budgetBurn,
    expr: `${window(alert.longWindow)} and ${window(alert.shortWindow)}`,
    for: alert.for,
    labels: { ...sloRuleLabels(app, slo), severity: alert.severity, long_window: alert.longWindow, short_window: alert.shortWindow },
    annotations: annotations(monitoring, MONITORING_ALERTS.budgetBurn, {
      summary: `${slo.name} is burning its error budget ${alert.factor}x too fast`,
      description: `{{ $value | humanizePercentage }} of ${app.name}'s ${what} over the last ${alert.longWindow} (and over ${alert.shortWindow} too), ${alert.factor}x the ${budgetPercent} the ${slo.objectivePercent}% objective allows. At this rate the ${monitoring.period} error budget is gone in ${exhausted}.`,
    }),
  };
}

function annotations(monitoring: ResolvedMonitoring, alert: MonitoringAlert, text: { summary: string; description: string }): Record<string, string> {
  const runbook = monitoring.runbooks[alert];
  if (!runbook) throw new Error(`bug: no runbook resolved for ${alert}`);
  return { summary: text.summary, description: text.description, runbook_url: runbook, dashboard_url: monitoring.dashboard.url };
}
