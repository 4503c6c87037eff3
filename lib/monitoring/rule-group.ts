import { ResolvedApp } from '../model/resolved-app';
import { ResolvedSlo } from '../model/resolved-monitoring';

/** One Prometheus rule as plain data: a recording rule (`record`) or an alerting rule (`alert`). */
export interface Rule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Rules evaluated in order, so a rule may read what an earlier one in the group recorded. */
export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly Rule[];
}

/** Labels on every series and alert of an app: who owns it and where it runs. */
export function appRuleLabels(app: ResolvedApp): Record<string, string> {
  return { namespace: app.namespace, service: app.name, team: app.team };
}

/** The app's labels plus the SLO's name. */
export function sloRuleLabels(app: ResolvedApp, slo: ResolvedSlo): Record<string, string> {
  return { ...appRuleLabels(app), slo: slo.name };
}
