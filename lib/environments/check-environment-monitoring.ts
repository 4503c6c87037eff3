import { Problems } from '../internal/errors';
import { isLabelValue, nameProblem } from '../internal/names';
import { Environment } from '../model/environment';
import { EnvironmentMonitoring } from '../model/environment-monitoring';

/** A Prometheus duration: units from ms to y, largest first, e.g. '30s', '1m30s'. */
const DURATION = /^(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const URL_PATTERN = /^https?:\/\/[^\s"]+$/;
const LABEL_SETTINGS = new Set(['ruleLabels', 'monitorLabels', 'dashboardLabels']);
const STRING_SETTINGS = new Set(['scrapeInterval', 'grafanaUrl', 'runbookUrl', 'dashboardFolderAnnotation', 'dashboardFolder', 'prometheusNamespace']);

export interface SettingProblem {
  /** `monitoring.<setting>`, or `monitoring.<setting>.<label>` for a label. */
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
}

/** What is wrong with one monitoring setting of an environment (or the platform's default for it). */
export function monitoringSettingProblems(setting: keyof EnvironmentMonitoring, value: unknown, env: Pick<Environment, 'domain' | 'name'>): SettingProblem[] {
  const field = `monitoring.${setting}`;
  const bad = (expected: string, at = field, got = value): SettingProblem[] => [{ field: at, value: got, expected }];
  if (LABEL_SETTINGS.has(setting)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('a record of Kubernetes labels');
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
      LABEL_KEY.test(key) && typeof v === 'string' && isLabelValue(v) ? [] : bad('a valid Kubernetes label (key and value)', `${field}.${key}`, v),
    );
  }
  if (!STRING_SETTINGS.has(setting)) return [];
  if (typeof value !== 'string') return bad('a string');
  const expanded = value
    .replace(/\{domain\}/g, env.domain)
    .replace(/\{env\}/g, env.name)
    .replace(/\{alert\}/g, 'alert')
    .replace(/\{team\}/g, 'team');
  switch (setting) {
    case 'scrapeInterval':
      return value !== '' && DURATION.test(value) ? [] : bad("a Prometheus duration, e.g. '30s'");
    case 'grafanaUrl':
      return URL_PATTERN.test(expanded) ? [] : bad("an http(s) URL, e.g. 'https://grafana.{domain}'");
    case 'runbookUrl':
      return URL_PATTERN.test(expanded) ? [] : bad("an http(s) URL, e.g. 'https://runbooks.{domain}/golden-path/{alert}'");
    case 'dashboardFolderAnnotation':
      return LABEL_KEY.test(value) ? [] : bad("an annotation key, e.g. 'grafana_folder'");
    case 'dashboardFolder':
      return value.trim() !== '' ? [] : bad("a folder name, e.g. '{team}'");
    case 'prometheusNamespace':
      return nameProblem(value) === undefined ? [] : bad("a namespace name, e.g. 'monitoring'");
    default:
      return [];
  }
}

/**
 * Checks an environment's monitoring settings once, against apps/environments.ts, so that a bad
 * value is one problem rather than one per app.
 */
export function checkEnvironmentMonitoring(env: Environment, problems: Problems): void {
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  const settings = env.monitoring ?? {};
  for (const setting of Object.keys(settings).sort() as (keyof EnvironmentMonitoring)[]) {
    if (settings[setting] === undefined) continue;
    for (const p of monitoringSettingProblems(setting, settings[setting], env)) {
      at.add({
        code: 'E_MONITORING_SETTING',
        field: p.field,
        value: p.value,
        message: `must be ${p.expected}`,
        fix: `fix environments.${env.name}.${p.field} in apps/environments.ts`,
      });
    }
  }
}
