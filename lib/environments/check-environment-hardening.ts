import { Problems } from '../internal/errors';
import { isLabelValue, nameProblem, qualifiedNameProblem } from '../internal/names';
import { Environment } from '../model/environment';
import { ResolvedEnvironmentHardening } from '../model/hardening';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { Provenance } from './provenance';

const GO_DURATION = /^(\d+h)?(\d+m)?$/;
const CRON_FIVE_FIELDS = /^\S+(\s+\S+){4}$/;

/**
 * Checks an environment's `hardening` once, against apps/environments.ts: a wrong issuer, runtime
 * class or node pool would leave every hardened pod of the environment unscheduled or without a certificate.
 */
export function checkEnvironmentHardening(env: Environment, problems: Problems): void {
  const h = env.hardening;
  if (h === undefined) return;
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  const fail = (field: string, value: unknown, message: string, fix: string) =>
    at.add({ code: 'E_HARDENING', field: `hardening.${field}`, value, message, fix });
  const issuer = h.internalIssuer;
  if (issuer !== undefined) {
    if (issuer.kind !== 'ClusterIssuer' && issuer.kind !== 'Issuer')
      fail('internalIssuer.kind', issuer.kind ?? null, "must be 'ClusterIssuer' or 'Issuer'", "e.g. 'ClusterIssuer'");
    if (typeof issuer.name !== 'string' || nameProblem(issuer.name, 253))
      fail('internalIssuer.name', issuer.name ?? null, 'must be the name of a cert-manager issuer', "e.g. 'internal-ca'");
  }
  if (h.runtimeClassName !== undefined && (typeof h.runtimeClassName !== 'string' || nameProblem(h.runtimeClassName, 253))) {
    fail('runtimeClassName', h.runtimeClassName, 'must be the name of a RuntimeClass of the cluster', "e.g. 'gvisor'");
  }
  const pool = h.nodePool;
  if (pool !== undefined) {
    const selector = Object.entries(pool.nodeSelector ?? {});
    if (selector.length === 0)
      fail('nodePool.nodeSelector', pool.nodeSelector ?? null, 'must name at least one node label', "e.g. { 'acme.dev/pool': 'restricted' }");
    for (const [key, value] of selector) {
      if (qualifiedNameProblem(key) || typeof value !== 'string' || !isLabelValue(value)) {
        fail(`nodePool.nodeSelector.${key}`, value, 'is not a valid node label (key and value)', "e.g. 'acme.dev/pool': 'restricted'");
      }
    }
    const taint = pool.taint;
    if (taint === undefined || qualifiedNameProblem(taint.key ?? '') || typeof taint.value !== 'string' || !isLabelValue(taint.value)) {
      fail(
        'nodePool.taint',
        taint ?? null,
        "must name the pool's taint: a key and a value",
        "e.g. { key: 'acme.dev/restricted', value: 'true', effect: 'NoSchedule' }",
      );
    } else if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') {
      fail('nodePool.taint.effect', taint.effect ?? null, "must be 'NoSchedule' or 'NoExecute'", "e.g. 'NoSchedule'");
    }
  }
  const window = h.syncWindow;
  if (window !== undefined) {
    if (typeof window.schedule !== 'string' || !CRON_FIVE_FIELDS.test(window.schedule.trim())) {
      fail('syncWindow.schedule', window.schedule ?? null, 'must be a cron expression of five fields', "e.g. '0 9 * * 1-4' (weekday mornings)");
    }
    if (typeof window.duration !== 'string' || window.duration === '' || !GO_DURATION.test(window.duration)) {
      fail('syncWindow.duration', window.duration ?? null, "must be hours and minutes, e.g. '2h' or '1h30m'", "e.g. '2h'");
    }
  }
}

/** The environment's hardening settings as written, each recorded as the environment's; a sync window gets the platform's time zone unless it names one. */
export function resolveEnvironmentHardening(env: Environment, prov: Provenance): ResolvedEnvironmentHardening {
  const h = env.hardening ?? {};
  for (const [field, value] of Object.entries(h)) if (field !== 'syncWindow') prov.record(`hardening.${field}`, 'environment', value);
  const window = h.syncWindow && {
    schedule: prov.pick('hardening.syncWindow.schedule', ['environment', h.syncWindow.schedule]),
    duration: prov.pick('hardening.syncWindow.duration', ['environment', h.syncWindow.duration]),
    timeZone: prov.pick<string>(
      'hardening.syncWindow.timeZone',
      ['platform', PLATFORM_DEFAULTS.hardened.syncWindowTimeZone],
      ['environment', h.syncWindow.timeZone],
    ),
  };
  return {
    ...(h.internalIssuer ? { internalIssuer: { kind: h.internalIssuer.kind, name: h.internalIssuer.name } } : {}),
    ...(h.runtimeClassName !== undefined ? { runtimeClassName: h.runtimeClassName } : {}),
    ...(h.nodePool ? { nodePool: { nodeSelector: { ...h.nodePool.nodeSelector }, taint: { ...h.nodePool.taint } } } : {}),
    ...(window ? { syncWindow: window } : {}),
  };
}
