import { sortRecord } from '../internal/sort-record';
import { createHash } from 'node:crypto';
import { EnvironmentMonitoring } from '../model/environment-monitoring';
import { ResolvedPort } from '../model/resolved-app';
import { ResolvedBurnRateAlert, ResolvedMonitoring } from '../model/resolved-monitoring';
import { MONITORING_ALERTS, MonitoringAlert, SloProps } from '../model/slo';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { overrideField, ResolveContext } from './resolve-context';
import { APP_SLO, resolveSloMetrics, resolveSlos, resolveSloSelector, SloPartSource, SloSources } from './resolve-slo';
import { inherited, Provenance } from './provenance';
import { Sourced } from '../model/resolved-environment';

const DEFAULTS = PLATFORM_DEFAULTS.monitoring;
const URL_PATTERN = /^https?:\/\/[^\s"]+$/;
/** Grafana refuses dashboard UIDs longer than this. */
const GRAFANA_UID_MAX = 40;

export interface MonitoringInput {
  readonly namespace: string;
  readonly ports: readonly ResolvedPort[];
  /** The web service's protocol, which picks its metric convention. */
  readonly protocol?: 'http' | 'grpc';
}

/**
 * How Prometheus scrapes the app, its SLOs with their rules, and its dashboard. Undefined when
 * the app serves no metrics; an SLO without a metrics port is an error, not a silent no-op.
 */
export function resolveMonitoring(ctx: ResolveContext, input: MonitoringInput): ResolvedMonitoring | undefined {
  const { def, env, override, prov, problems } = ctx;
  if (def.kind === 'scheduled-task' || def.kind === 'batch-job') {
    if (override.slo !== undefined) {
      problems.add({
        code: 'E_SLO_TASK',
        field: overrideField(ctx, 'slo', true),
        message: 'is for web services and workers: a scheduled task has no requests to measure',
        fix: 'remove slo from the override',
      });
    }
    return undefined;
  }
  const { slo, sources } = sloInForce(ctx, def.slo);
  const metricsPort = input.ports.find((p) => p.name === 'metrics');
  const onService = def.kind === 'web-service' ? def.metricsOnService : undefined;
  if (!metricsPort) {
    if (def.metricsPort === undefined && slo !== undefined) {
      problems.add({
        code: 'E_SLO_METRICS_PORT',
        field: sources.slo.field,
        message: 'needs metrics, but the app declares no metricsPort',
        fix: 'set metricsPort to the port that serves /metrics, e.g. metricsPort: 9090',
      });
    }
    if (def.metricsPort === undefined && onService) {
      problems.add({
        code: 'E_METRICS_ON_SERVICE',
        field: 'metricsOnService',
        value: true,
        message: 'needs a metricsPort',
        fix: 'set metricsPort, or remove metricsOnService',
      });
    }
    return undefined;
  }

  /** The environment's setting (checked when the environment was resolved), recorded with its layer. */
  const setting = <K extends keyof EnvironmentMonitoring>(field: K): NonNullable<EnvironmentMonitoring[K]> =>
    prov.pick<NonNullable<EnvironmentMonitoring[K]>>(`monitoring.${field}`, inherited(env.monitoring[field] as Sourced<NonNullable<EnvironmentMonitoring[K]>>));
  const path = prov.pick('metricsPath', ['platform', DEFAULTS.metricsPath], ['app', def.metricsPath]);
  if (typeof path !== 'string' || !/^\/[^\s]*$/.test(path)) {
    problems.add({ code: 'E_METRICS_PATH', field: 'metricsPath', value: path, message: "must be an HTTP path starting with '/'", fix: "e.g. '/metrics'" });
  }
  const interval = setting('scrapeInterval');
  const throughService = prov.pick('metricsOnService', ['platform', false], ['app', onService]);

  const alerts: ResolvedBurnRateAlert[] = DEFAULTS.burnRateAlerts.map((a) => ({ ...a }));
  prov.record('monitoring.burnRateAlerts', 'platform');
  checkOverriddenObjectives(ctx, def.slo, alerts);
  const metrics = resolveSloMetrics(ctx, input.protocol, slo);
  const slos = resolveSlos(ctx, slo, alerts, sources);
  const selector = { job: def.name, namespace: input.namespace, ...resolveSloSelector(ctx, slo) };

  const urlVars = (pattern: string) => pattern.replace(/\{domain\}/g, env.domain).replace(/\{env\}/g, env.name);
  const grafanaUrl = urlVars(setting('grafanaUrl')).replace(/\/+$/, '');
  const runbookPattern = urlVars(setting('runbookUrl'));
  if (slo?.runbookUrl !== undefined && !(typeof slo.runbookUrl === 'string' && URL_PATTERN.test(slo.runbookUrl))) {
    problems.add({
      code: 'E_SLO_RUNBOOK_URL',
      field: 'slo.runbookUrl',
      value: slo.runbookUrl,
      message: 'must be an http(s) URL',
      fix: "e.g. 'https://wiki.acme.dev/checkout/runbook'",
    });
  }
  const runbooks: Partial<Record<MonitoringAlert, string>> = { [MONITORING_ALERTS.targetMissing]: runbookUrl(runbookPattern, MONITORING_ALERTS.targetMissing) };
  if (slos.length > 0) {
    for (const alert of [MONITORING_ALERTS.budgetBurn, MONITORING_ALERTS.latencyBucketMissing]) {
      runbooks[alert] = prov.pick(
        `monitoring.runbooks.${alert}`,
        [env.monitoring.runbookUrl.origin, runbookUrl(runbookPattern, alert)],
        ['app', slo?.runbookUrl],
      );
    }
  }

  const monitorLabels = sortRecord(setting('monitorLabels'));
  const ruleLabels = sortRecord(setting('ruleLabels'));
  const dashboardLabels = sortRecord(setting('dashboardLabels'));
  const folderAnnotation = setting('dashboardFolderAnnotation');
  const folder = setting('dashboardFolder').replace(/\{team\}/g, def.team);
  const uid = dashboardUid(input.namespace, def.name);

  return {
    scrape: { kind: def.kind === 'web-service' ? 'ServiceMonitor' : 'PodMonitor', port: metricsPort.name, path, interval, throughService },
    selector,
    monitorLabels,
    ruleLabels,
    ...(metrics ? { metrics } : {}),
    slos,
    windows: [...DEFAULTS.windows],
    period: DEFAULTS.period,
    burnRateAlerts: alerts,
    targetMissing: { severity: slos.length > 0 ? 'critical' : 'warning', for: DEFAULTS.targetMissingFor },
    runbooks,
    dashboard: {
      uid,
      title: `${def.name} (${input.namespace})`,
      url: `${grafanaUrl}/d/${uid}`,
      configMapName: `${def.name}-dashboard`,
      fileName: `${input.namespace}_${def.name}.json`,
      labels: dashboardLabels,
      annotations: { [folderAnnotation]: folder },
      tags: ['golden-path', def.team, def.kind],
    },
  };
}

/** `ScrapeTargetMissing` -> `scrape-target-missing`, put in place of `{alert}`. */
function runbookUrl(pattern: string, alert: MonitoringAlert): string {
  const kebab = alert
    .replace(/SLO/g, 'Slo')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return pattern.replace(/\{alert\}/g, kebab);
}

/**
 * `<namespace>_<app>`: unambiguous because neither may contain '_'. Past Grafana's 40 characters,
 * a readable prefix and a hash of the whole.
 */
export function dashboardUid(namespace: string, app: string): string {
  const full = `${namespace}_${app}`;
  if (full.length <= GRAFANA_UID_MAX) return full;
  return `${full.slice(0, GRAFANA_UID_MAX - 17)}-${createHash('sha256').update(full).digest('hex').slice(0, 16)}`;
}

const SLO_OBJECTIVES = ['availability', 'latency'] as const;

/**
 * The SLO in force in this environment: the app's `slo`, with each objective the environment's
 * override sets in its place. What is measured (metrics, selector) and the runbook belong to the
 * app's binary, so they stay the app's; the override may not set them.
 */
function sloInForce(ctx: ResolveContext, own: SloProps | undefined): { slo: SloProps | undefined; sources: SloSources } {
  const { override, problems } = ctx;
  const o: unknown = override.slo;
  if (o === undefined) return { slo: own, sources: APP_SLO };
  const fromOverride: SloPartSource = { origin: 'override', field: overrideField(ctx, 'slo', true) };
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    problems.add({
      code: 'E_SLO_OVERRIDE',
      field: fromOverride.field,
      value: o,
      message: 'must be { availability?, latency? }',
      fix: 'e.g. slo: { availability: 99.95 }',
    });
    return { slo: own, sources: APP_SLO };
  }
  for (const key of Object.keys(o).filter((k) => !(SLO_OBJECTIVES as readonly string[]).includes(k))) {
    problems.add({
      code: 'E_SLO_OVERRIDE',
      field: `${fromOverride.field}.${key}`,
      value: key,
      message: 'cannot differ per environment: only the objectives (availability, latency) can',
      fix: `set ${key} in the app's slo, for every environment`,
    });
  }
  const objectives = o as Pick<SloProps, 'availability' | 'latency'>;
  const source = (key: (typeof SLO_OBJECTIVES)[number]) => (objectives[key] !== undefined ? fromOverride : APP_SLO[key]);
  return {
    slo: {
      ...own,
      ...(objectives.availability !== undefined ? { availability: objectives.availability } : {}),
      ...(objectives.latency !== undefined ? { latency: objectives.latency } : {}),
    },
    sources: { slo: own === undefined ? fromOverride : APP_SLO.slo, availability: source('availability'), latency: source('latency') },
  };
}

/**
 * The app's own objectives where this environment overrides them: they are in force elsewhere, and a
 * mistake in them must not hide behind the override. Checked as they would be resolved; nothing recorded.
 */
function checkOverriddenObjectives(ctx: ResolveContext, own: SloProps | undefined, alerts: readonly ResolvedBurnRateAlert[]): void {
  const { override } = ctx;
  if (!own || override.slo === null || typeof override.slo !== 'object') return;
  const replaced: SloProps = {
    ...(override.slo.availability !== undefined && own.availability !== undefined ? { availability: own.availability } : {}),
    ...(override.slo.latency !== undefined && own.latency !== undefined ? { latency: own.latency } : {}),
  };
  if (replaced.availability === undefined && replaced.latency === undefined) return;
  resolveSlos({ ...ctx, prov: new Provenance() }, replaced, alerts);
}
