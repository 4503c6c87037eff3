import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/prometheusrule-monitoring.coreos.com';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';
import { scrapeAlertRules, sloAlertRules } from './alert-rules';
import { sloMetadataRules } from './metadata-rules';
import { sliRecordingRules } from './recording-rules';
import { RuleGroup } from './rule-group';

export { PrometheusRule } from '../../imports/prometheusrule-monitoring.coreos.com';

/**
 * Every rule group of an app. The SLO rules are one group because Prometheus evaluates a group's
 * rules in order at one timestamp: the metadata and alerts read SLIs recorded a moment earlier in
 * the same evaluation, never the previous one's, so an alert fires at the first evaluation whose
 * data crosses its threshold (plus its `for`), not an interval later.
 */
export function appRuleGroups(app: ResolvedApp): RuleGroup[] {
  const monitoring = app.monitoring;
  if (!monitoring) return [];
  const slo =
    monitoring.slos.length > 0 ? [...sliRecordingRules(app, monitoring), ...sloMetadataRules(app, monitoring), ...sloAlertRules(app, monitoring)] : [];
  return [...(slo.length > 0 ? [{ name: `${app.name}-slo`, rules: slo }] : []), scrapeAlertRules(app, monitoring)];
}

/**
 * One PrometheusRule per app that serves metrics: SLI recording rules, SLO metadata and
 * burn-rate alerts when it has SLOs, and always the alert for a vanished scrape target. It
 * carries the platform's rule labels, so Prometheus's `ruleSelector` picks it up.
 */
export function appPrometheusRule(scope: Construct, app: ResolvedApp): PrometheusRule | undefined {
  const monitoring = app.monitoring;
  if (!monitoring) return undefined;
  const metadata = appMetadata(app);
  return new PrometheusRule(scope, 'rules', {
    metadata: { ...metadata, labels: { ...metadata.labels, ...monitoring.ruleLabels } },
    spec: {
      groups: appRuleGroups(app).map((group) => ({
        name: group.name,
        rules: group.rules.map((rule) => ({
          ...(rule.record !== undefined ? { record: rule.record } : {}),
          ...(rule.alert !== undefined ? { alert: rule.alert } : {}),
          expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr),
          ...(rule.for !== undefined ? { for: rule.for } : {}),
          ...(rule.labels ? { labels: { ...rule.labels } } : {}),
          ...(rule.annotations ? { annotations: { ...rule.annotations } } : {}),
        })),
      })),
    },
  });
}
