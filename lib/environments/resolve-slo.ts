import { Problems } from '../internal/errors';
import { ResolvedBurnRateAlert, ResolvedSlo, ResolvedSloMetrics } from '../model/resolved-monitoring';
import { SloProps } from '../model/slo';
import { Origin } from '../model/resolved-app';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { ResolveContext } from './resolve-context';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Labels the platform's own selector sets; an SLO selector may not change them. */
const RESERVED_SELECTOR_LABELS = new Set(['job', 'namespace']);
const MAX_OBJECTIVE_DECIMALS = 6;
const THRESHOLD = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const MICROS_PER_UNIT: Readonly<Record<string, number>> = { ms: 1e3, s: 1e6, m: 6e7 };

/** Where part of the SLO in force was written: the app's `slo`, or this environment's override of it. */
export interface SloPartSource {
  readonly origin: Extract<Origin, 'app' | 'override'>;
  /** `slo` or `environments.<env>.slo`: what problems name. */
  readonly field: string;
}

/** Where the whole SLO (what E_SLO_EMPTY names) and each objective came from. */
export interface SloSources {
  readonly slo: SloPartSource;
  readonly availability: SloPartSource;
  readonly latency: SloPartSource;
}

const FROM_APP: SloPartSource = { origin: 'app', field: 'slo' };
export const APP_SLO: SloSources = { slo: FROM_APP, availability: FROM_APP, latency: FROM_APP };

/**
 * The request metrics of an app: its `slo.metrics` over the convention of its protocol. Web
 * services always have one; a worker has one only when it names its metrics.
 */
export function resolveSloMetrics(ctx: ResolveContext, protocol: 'http' | 'grpc' | undefined, slo: SloProps | undefined): ResolvedSloMetrics | undefined {
  const { prov, problems } = ctx;
  const options = slo?.metrics ?? {};
  // The protocol is the app's when it declares one, else the platform's default.
  const protocolOrigin = (ctx.def as { protocol?: unknown }).protocol !== undefined ? 'app' : 'platform';
  const conventionName = prov.pickOptional<'http' | 'grpc'>('slo.metrics.convention', [protocolOrigin, protocol], ['app', options.convention]);
  if (conventionName !== undefined && conventionName !== 'http' && conventionName !== 'grpc') {
    problems.add({
      code: 'E_SLO_METRICS',
      field: 'slo.metrics.convention',
      value: conventionName,
      message: "must be 'http' or 'grpc'",
      fix: "use 'http' or 'grpc', or leave it out and name every metric",
    });
    return undefined;
  }
  const convention = conventionName === undefined ? undefined : PLATFORM_DEFAULTS.monitoring.conventions[conventionName];
  const field = <K extends 'requests' | 'codeLabel' | 'errorCodes' | 'latencyHistogram'>(key: K) =>
    prov.pickOptional<string>(`slo.metrics.${key}`, ['platform', convention?.[key]], ['app', options[key]]);
  const requests = field('requests');
  const codeLabel = field('codeLabel');
  const errorCodes = field('errorCodes');
  const latencyHistogram = field('latencyHistogram');
  if (requests === undefined && codeLabel === undefined && errorCodes === undefined && slo === undefined) return undefined;

  let ok = true;
  const fail = (key: string, value: unknown, message: string, fix: string) => {
    ok = false;
    problems.add({ code: 'E_SLO_METRICS', field: `slo.metrics.${key}`, value, message, fix });
  };
  const missingFix =
    "workers follow no convention: name the counter, e.g. metrics: { requests: 'jobs_processed_total', codeLabel: 'outcome', errorCodes: 'failed' }, or set convention: 'http'";
  for (const [key, value] of [
    ['requests', requests],
    ['latencyHistogram', latencyHistogram],
  ] as const) {
    if (value === undefined) {
      if (key === 'requests') fail(key, undefined, 'is required when the app follows no metric convention', missingFix);
    } else if (typeof value !== 'string' || !METRIC_NAME.test(value) || (key === 'latencyHistogram' && /_(bucket|count|sum)$/.test(value))) {
      fail(
        key,
        value,
        key === 'latencyHistogram' ? 'must be a Prometheus metric name without the _bucket suffix' : 'must be a Prometheus metric name',
        "use letters, digits, '_' and ':', e.g. 'http_requests_total'",
      );
    }
  }
  if (codeLabel === undefined) fail('codeLabel', undefined, 'is required when the app follows no metric convention', missingFix);
  else if (typeof codeLabel !== 'string' || !LABEL_NAME.test(codeLabel) || codeLabel.startsWith('__')) {
    fail('codeLabel', codeLabel, 'must be a Prometheus label name', "use letters, digits and '_', e.g. 'code'");
  }
  if (errorCodes === undefined) fail('errorCodes', undefined, 'is required when the app follows no metric convention', missingFix);
  else if (!isRegex(errorCodes)) fail('errorCodes', errorCodes, 'must be a non-empty regular expression', "e.g. '5..' or 'failed|timeout'");
  if (latencyHistogram === undefined && slo?.latency !== undefined) {
    fail(
      'latencyHistogram',
      undefined,
      'is required for a latency SLO when the app follows no metric convention',
      "name the duration histogram without '_bucket', e.g. 'jobs_duration_seconds'",
    );
  }
  if (!ok) return undefined;
  return { requests: requests!, codeLabel: codeLabel!, errorCodes: errorCodes!, ...(latencyHistogram !== undefined ? { latencyHistogram } : {}) };
}

/** Extra label matchers on every SLI series, checked. */
export function resolveSloSelector(ctx: ResolveContext, slo: SloProps | undefined): Record<string, string> {
  const selector = slo?.metrics?.selector ?? {};
  const out: Record<string, string> = {};
  for (const key of Object.keys(selector).sort()) {
    const value = selector[key];
    if (!LABEL_NAME.test(key) || key.startsWith('__') || RESERVED_SELECTOR_LABELS.has(key)) {
      ctx.problems.add({
        code: 'E_SLO_SELECTOR',
        field: `slo.metrics.selector.${key}`,
        value: key,
        message: "must be a Prometheus label name other than 'job' and 'namespace' (the platform sets those)",
        fix: "select by another label, e.g. { grpc_type: 'unary' }",
      });
    } else if (typeof value !== 'string') {
      ctx.problems.add({
        code: 'E_SLO_SELECTOR',
        field: `slo.metrics.selector.${key}`,
        value,
        message: 'must be a string (an exact match)',
        fix: "e.g. { handler: '/api' }",
      });
    } else {
      out[key] = value;
    }
  }
  if (Object.keys(out).length > 0) ctx.prov.record('slo.metrics.selector', 'app');
  return out;
}

/** The app's objectives, availability first, each with its budget and, for latency, its bucket. */
export function resolveSlos(
  ctx: ResolveContext,
  slo: SloProps | undefined,
  alerts: readonly ResolvedBurnRateAlert[],
  sources: SloSources = APP_SLO,
): ResolvedSlo[] {
  if (slo === undefined) return [];
  const { def, problems, prov } = ctx;
  if (slo === null || typeof slo !== 'object' || (slo.availability === undefined && slo.latency === undefined)) {
    problems.add({
      code: 'E_SLO_EMPTY',
      field: sources.slo.field,
      value: slo,
      message: 'sets no objective',
      fix: "set availability and/or latency, e.g. slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } }",
    });
    return [];
  }
  const out: ResolvedSlo[] = [];
  if (slo.availability !== undefined) {
    prov.record('slo.availability', sources.availability.origin);
    const budget = objectiveBudget(problems, `${sources.availability.field}.availability`, slo.availability, alerts);
    if (budget) out.push({ name: `${def.name}-availability`, sli: 'availability', objectivePercent: slo.availability, ...budget });
  }
  if (slo.latency !== undefined) {
    prov.record('slo.latency', sources.latency.origin);
    const budget = objectiveBudget(problems, `${sources.latency.field}.latency.objective`, slo.latency?.objective, alerts);
    const threshold = parseThreshold(problems, slo.latency?.threshold, `${sources.latency.field}.latency.threshold`);
    if (budget && threshold) {
      out.push({
        name: `${def.name}-latency`,
        sli: 'latency',
        objectivePercent: slo.latency.objective,
        ...budget,
        latency: { threshold: slo.latency.threshold, ...threshold },
      });
    }
  }
  return out;
}

/**
 * The objective and budget as ratios, exact to the digits written (99.9 gives 0.999 and 0.001,
 * not 0.0010000000000000009). Rejects objectives that leave no budget, and objectives whose
 * budget is so large that a burn-rate alert could never fire (factor x budget >= 1 would need
 * more than all requests to fail).
 */
function objectiveBudget(
  problems: Problems,
  field: string,
  value: unknown,
  alerts: readonly ResolvedBurnRateAlert[],
): { objective: number; errorBudget: number } | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const decimals = /^\d+(?:\.(\d+))?$/.exec(text);
  if (!decimals || typeof value !== 'number' || value <= 0) {
    problems.add({
      code: 'E_SLO_OBJECTIVE',
      field,
      value,
      message: 'must be a percentage above 0 and below 100',
      fix: 'write the objective in percent, e.g. 99.9',
    });
    return undefined;
  }
  if (value >= 100) {
    problems.add({
      code: 'E_SLO_OBJECTIVE',
      field,
      value,
      message: 'must be below 100: an objective of 100% leaves no error budget, so every single error would page',
      fix: 'promise what the app can keep, e.g. 99.9',
    });
    return undefined;
  }
  const d = decimals[1]?.length ?? 0;
  if (d > MAX_OBJECTIVE_DECIMALS) {
    problems.add({
      code: 'E_SLO_OBJECTIVE',
      field,
      value,
      message: `must have at most ${MAX_OBJECTIVE_DECIMALS} decimals`,
      fix: 'round the objective, e.g. 99.999',
    });
    return undefined;
  }
  const units = Math.round(value * 10 ** d);
  const objective = Number(`${units}e-${d + 2}`);
  const errorBudget = Number(`${100 * 10 ** d - units}e-${d + 2}`);
  const worst = alerts.find((a) => a.factor * errorBudget >= 1);
  if (worst) {
    const lowest = Math.ceil((100 - 100 / worst.factor) * 100) / 100;
    problems.add({
      code: 'E_SLO_BURN_RATE',
      field,
      value,
      message: `leaves an error budget of ${round(errorBudget * 100)}%, and the ${worst.longWindow}/${worst.shortWindow} alert's ${worst.factor}x burn rate would need ${round(worst.factor * errorBudget * 100)}% of requests to fail, so it could never fire`,
      fix: `use an objective of at least ${lowest}`,
    });
    return undefined;
  }
  return { objective, errorBudget };
}

/** '300ms' -> seconds '0.3' and the regex '0\\.30*' matching `le="0.3"`, `le="0.30"`, ...; '1s' -> '1' and '1(\\.0*)?'. */
export function parseThreshold(problems: Problems, value: unknown, field = 'slo.latency.threshold'): { seconds: string; leRegex: string } | undefined {
  const m = typeof value === 'string' ? THRESHOLD.exec(value) : null;
  const micros = m ? Number(m[1]) * MICROS_PER_UNIT[m[2]] : NaN;
  if (!m || !Number.isFinite(micros)) {
    problems.add({ code: 'E_SLO_THRESHOLD', field, value, message: "must be a duration with a unit of 'ms', 's' or 'm'", fix: "e.g. '300ms' or '1.5s'" });
    return undefined;
  }
  const whole = Math.round(micros);
  if (Math.abs(micros - whole) > 1e-6 || whole < 1000 || whole > 3600e6) {
    problems.add({
      code: 'E_SLO_THRESHOLD',
      field,
      value,
      message: 'must be from 1ms to 60m, in whole microseconds',
      fix: "use a bucket boundary of the histogram, e.g. '250ms'",
    });
    return undefined;
  }
  const int = String(Math.floor(whole / 1e6));
  const frac = String(whole % 1e6)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return frac ? { seconds: `${int}.${frac}`, leRegex: `${int}\\.${frac}0*` } : { seconds: int, leRegex: `${int}(\\.0*)?` };
}

function isRegex(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new RegExp(`^(?:${value})$`);
    return true;
  } catch {
    return false;
  }
}

function round(n: number): number {
  return Number(n.toPrecision(4));
}
