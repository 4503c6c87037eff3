import { HEALTH_KINDS, HealthCheck } from '../model/health';
import { ResolvedPort, ResolvedProbe } from '../model/resolved-app';
import { isPositiveInt, ResolveContext } from './resolve-context';
import { PLATFORM_DEFAULTS } from './platform-defaults';

type Probes = { readiness: ResolvedProbe; liveness: ResolvedProbe; startup: ResolvedProbe };

/**
 * Readiness, liveness and startup probes from one declared health check. Liveness checks less
 * often and tolerates more failures than readiness, so a slow dependency takes a pod out of the
 * Service without restarting it; startup holds liveness off while the app boots.
 */
export function resolveProbes(ctx: ResolveContext, ports: readonly ResolvedPort[]): Probes | undefined {
  const { def, prov, problems } = ctx;
  if (def.kind === 'scheduled-task') return undefined;
  const defaultHealth: HealthCheck | undefined =
    def.kind === 'web-service' || def.kind === 'stateful-service'
      ? def.protocol === 'grpc'
        ? { kind: 'grpc' }
        : { kind: 'http', path: PLATFORM_DEFAULTS.httpHealthPath }
      : undefined;
  const health = prov.pickOptional<HealthCheck>('health', ['platform', defaultHealth], ['app', def.health]);
  if (health === undefined) {
    problems.add({
      code: 'E_HEALTH_MISSING',
      field: 'health',
      message: 'is required for a worker',
      fix: "declare how to check it, e.g. health: Health.exec(['/app/healthcheck'])",
    });
    return undefined;
  }
  if (!HEALTH_KINDS.includes(health.kind)) {
    problems.add({
      code: 'E_HEALTH_KIND',
      field: 'health.kind',
      value: health.kind,
      message: `is not a known probe kind (${HEALTH_KINDS.join(', ')})`,
      fix: 'build it with Health.http(), Health.grpc(), Health.tcp() or Health.exec()',
    });
    return undefined;
  }

  const timing = {
    readinessPeriodSeconds: health.readinessPeriodSeconds ?? PLATFORM_DEFAULTS.probe.readinessPeriodSeconds,
    livenessPeriodSeconds: health.livenessPeriodSeconds ?? PLATFORM_DEFAULTS.probe.livenessPeriodSeconds,
    livenessFailureThreshold: health.livenessFailureThreshold ?? PLATFORM_DEFAULTS.probe.livenessFailureThreshold,
    startupSeconds: health.startupSeconds ?? PLATFORM_DEFAULTS.probe.startupSeconds,
    timeoutSeconds: health.timeoutSeconds ?? PLATFORM_DEFAULTS.probe.timeoutSeconds,
  };
  for (const [key, value] of Object.entries(timing)) {
    if (!isPositiveInt(value))
      problems.add({
        code: 'E_HEALTH_TIMING',
        field: `health.${key}`,
        value,
        message: 'must be a whole number greater than 0',
        fix: 'use seconds (or a count) as a positive integer',
      });
  }

  const handlers = probeHandlers(ctx, health, ports);
  if (!handlers) return undefined;
  const readinessThreshold = 3;
  return {
    readiness: {
      handler: handlers.readiness,
      periodSeconds: timing.readinessPeriodSeconds,
      timeoutSeconds: timing.timeoutSeconds,
      failureThreshold: readinessThreshold,
    },
    liveness: {
      handler: handlers.liveness,
      periodSeconds: timing.livenessPeriodSeconds,
      timeoutSeconds: timing.timeoutSeconds,
      failureThreshold: timing.livenessFailureThreshold,
    },
    startup: {
      handler: handlers.liveness,
      periodSeconds: timing.readinessPeriodSeconds,
      timeoutSeconds: timing.timeoutSeconds,
      failureThreshold: Math.max(1, Math.ceil(timing.startupSeconds / timing.readinessPeriodSeconds)),
    },
  };
}

function probeHandlers(ctx: ResolveContext, health: HealthCheck, ports: readonly ResolvedPort[]) {
  const { problems } = ctx;
  if (health.kind === 'exec') {
    if (!Array.isArray(health.command) || health.command.length === 0) {
      problems.add({
        code: 'E_HEALTH_EXEC',
        field: 'health.command',
        value: health.command,
        message: 'must be a non-empty list of strings',
        fix: "e.g. Health.exec(['/app/healthcheck'])",
      });
      return undefined;
    }
    return {
      readiness: { kind: 'exec' as const, command: health.command },
      liveness: { kind: 'exec' as const, command: health.livenessCommand ?? health.command },
    };
  }
  const port = probePort(ctx, health.port, ports);
  if (!port) return undefined;
  if (health.kind === 'http') {
    for (const [field, path] of [
      ['health.path', health.path],
      ['health.livenessPath', health.livenessPath],
    ] as const) {
      if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
        problems.add({ code: 'E_HEALTH_PATH', field, value: path, message: 'must be an absolute HTTP path', fix: "start it with '/', e.g. '/healthz'" });
      }
    }
    return {
      readiness: { kind: 'http' as const, path: health.path, port: port.name },
      liveness: { kind: 'http' as const, path: health.livenessPath ?? health.path, port: port.name },
    };
  }
  if (health.kind === 'grpc') {
    // The gRPC probe takes a port number only; the name check above still proves it exists.
    const service = health.service ?? '';
    return { readiness: { kind: 'grpc' as const, port: port.port, service }, liveness: { kind: 'grpc' as const, port: port.port, service } };
  }
  return { readiness: { kind: 'tcp' as const, port: port.name }, liveness: { kind: 'tcp' as const, port: port.name } };
}

/** The named port a network probe checks; it must be one the container declares. */
function probePort(ctx: ResolveContext, name: string | undefined, ports: readonly ResolvedPort[]): ResolvedPort | undefined {
  const wanted = name ?? (ctx.def.kind === 'worker' ? 'health' : ports[0]?.name);
  const port = ports.find((p) => p.name === wanted);
  // A port that failed its own check (E_PORT, E_PORT_DUPLICATE) is reported there; calling it undeclared too would mislead.
  if (!port && !ctx.problems.all.some((p) => p.code === 'E_PORT' || p.code === 'E_PORT_DUPLICATE')) {
    const known = ports.map((p) => `'${p.name}'`).join(', ') || 'none';
    const fix = ctx.def.kind === 'worker' && name === undefined ? 'set healthPort to the port the check listens on' : `name a declared port (${known})`;
    ctx.problems.add({
      code: 'E_HEALTH_PORT',
      field: 'health.port',
      value: wanted ?? null,
      message: `is not a port the container declares (declared: ${known})`,
      fix,
    });
  }
  return port;
}
