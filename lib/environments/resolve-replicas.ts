import { Replicas } from '../model/replicas';
import { ResolvedReplicas } from '../model/resolved-app';
import { isPositiveInt, overrideField, ResolveContext } from './resolve-context';
import { inherited } from './provenance';
import { PLATFORM_DEFAULTS } from './platform-defaults';

/** Fixed replicas or autoscaling bounds, from the environment profile, the app and its override. */
export function resolveReplicas(ctx: ResolveContext): ResolvedReplicas | undefined {
  const { def, override, env, prov, problems } = ctx;
  if (def.kind === 'scheduled-task' || def.kind === 'batch-job') return undefined;
  // A stateful service's count is the app's alone: a second copy of stateful software is a replica only once the software replicates.
  const base =
    def.kind === 'stateful-service'
      ? (['platform', PLATFORM_DEFAULTS.statefulService.replicas] as const)
      : inherited(def.kind === 'web-service' ? env.profile.webServiceReplicas : env.profile.workerReplicas);
  const replicas = prov.pick<Replicas>('replicas', base, ['app', def.replicas], ['override', override.replicas]);
  const field = (name: string) => overrideField(ctx, name, override.replicas !== undefined);
  if (def.kind === 'stateful-service' && replicas.kind === 'autoscale') {
    problems.add({
      code: 'E_STATEFUL_AUTOSCALE',
      field: field('replicas'),
      value: `autoscale ${replicas.min}..${replicas.max}`,
      message:
        'autoscales a stateful service: a pod added or removed by load would join or leave with its own volume, which the software must replicate or rebalance itself',
      fix: 'use Replicas.fixed(n) with the count the software is set up to replicate over',
    });
    return undefined;
  }
  const resolved = checkReplicas(replicas, (name, value, message, fix) => problems.add({ code: 'E_REPLICAS', field: field(name), value, message, fix }));
  if (resolved?.kind === 'autoscale') prov.platform('replicas.behavior', resolved.behavior);
  return resolved;
}

/** Checks a replicas setting wherever it is written (an app, an override, an environment profile). */
export function checkReplicas(replicas: Replicas, fail: (field: string, value: unknown, message: string, fix: string) => void): ResolvedReplicas | undefined {
  if (replicas.kind === 'fixed') {
    if (!isPositiveInt(replicas.count)) {
      fail('replicas.count', replicas.count, 'must be a whole number of at least 1', 'use Replicas.fixed(1) or more; to stop an app, remove it from the fleet');
      return undefined;
    }
    return { kind: 'fixed', count: replicas.count };
  }
  if (replicas.kind !== 'autoscale') {
    fail('replicas.kind', (replicas as { kind: unknown }).kind, "must be 'fixed' or 'autoscale'", 'build it with Replicas.fixed() or Replicas.autoscale()');
    return undefined;
  }
  const cpuUtilization = replicas.cpuUtilization ?? PLATFORM_DEFAULTS.cpuUtilization;
  let ok = true;
  for (const [name, value] of [
    ['replicas.min', replicas.min],
    ['replicas.max', replicas.max],
  ] as const) {
    if (!isPositiveInt(value)) {
      fail(name, value, 'must be a whole number of at least 1', 'set min and max to 1 or more');
      ok = false;
    }
  }
  if (ok && replicas.min > replicas.max) {
    fail('replicas.min', replicas.min, `must be <= replicas.max (${replicas.max})`, 'lower min or raise max');
    ok = false;
  }
  for (const [name, value] of [
    ['replicas.cpuUtilization', cpuUtilization],
    ['replicas.memoryUtilization', replicas.memoryUtilization],
  ] as const) {
    if (value !== undefined && (!isPositiveInt(value) || value > 100)) {
      fail(name, value, 'must be a whole percentage from 1 to 100', 'e.g. 70');
      ok = false;
    }
  }
  if (!ok) return undefined;
  return {
    kind: 'autoscale',
    min: replicas.min,
    max: replicas.max,
    cpuUtilization,
    memoryUtilization: replicas.memoryUtilization,
    behavior: PLATFORM_DEFAULTS.autoscaling,
  };
}
