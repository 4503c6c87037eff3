import { HEALTH_KINDS, HealthCheck, NoHealth, ProbeCheck } from '../model/health';
import { ResolvedPort, ResolvedProbe, ResolvedServicePort } from '../model/resolved-app';
import { isList, isPositiveInt, ResolveContext } from './resolve-context';
import { PLATFORM_DEFAULTS } from './platform-defaults';

type Probes = { readiness: ResolvedProbe; liveness: ResolvedProbe; startup: ResolvedProbe };
type Handler = ResolvedProbe['handler'];

/** The same bar as a policy waiver's reason: a word or two is not a reason. */
const MIN_REASON_LENGTH = 10;
/** An HTTP header name: an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Readiness, liveness and startup probes from one declared health check. Liveness checks less
 * often and tolerates more failures than readiness, and by default checks less: for HTTP and gRPC
 * only that the process answers on its port (TCP), so a readiness failure caused by a dependency
 * takes a pod out of the Service without restarting it. Startup holds liveness off while the app boots.
 */
export function resolveProbes(
  ctx: ResolveContext,
  ports: readonly ResolvedPort[],
  servicePort: ResolvedServicePort | undefined,
): { probes?: Probes; noHealthEndpoint?: string } {
  const { def, prov, problems } = ctx;
  if (def.kind === 'scheduled-task' || def.kind === 'batch-job') return {};
  const server = def.kind === 'web-service' || def.kind === 'stateful-service';
  const protocol = servicePort?.protocol ?? (server ? def.protocol : undefined);
  const defaultHealth: HealthCheck | undefined = !server
    ? undefined
    : protocol === 'grpc'
      ? { kind: 'grpc' }
      : protocol === 'tcp'
        ? { kind: 'tcp' }
        : { kind: 'http', path: PLATFORM_DEFAULTS.httpHealthPath };
  const health = prov.pickOptional<HealthCheck>('health', ['platform', defaultHealth], ['app', def.health]);
  if (health === undefined) {
    problems.add({
      code: 'E_HEALTH_MISSING',
      field: 'health',
      message: 'is required for a worker',
      fix: "declare how to check it, e.g. health: Health.exec(['/app/healthcheck']), or Health.none({ reason }) when nothing can be checked",
    });
    return {};
  }
  if (!HEALTH_KINDS.includes(health.kind)) {
    problems.add({
      code: 'E_HEALTH_KIND',
      field: 'health.kind',
      value: health.kind,
      message: `is not a known probe kind (${HEALTH_KINDS.join(', ')})`,
      fix: 'build it with Health.http(), Health.grpc(), Health.tcp(), Health.exec() or Health.none()',
    });
    return {};
  }
  if (health.kind === 'none') return { noHealthEndpoint: noHealthReason(ctx, health) };

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

  const readiness = toHandler(ctx, 'health', health, ports);
  const shorthand = livenessShorthand(health);
  const livenessCheck = resolveLivenessCheck(ctx, health, shorthand);
  const liveness =
    livenessCheck && toHandler(ctx, health.liveness !== undefined ? 'health.liveness' : 'health', livenessCheck, ports, shorthand?.field ?? undefined);
  if (!readiness || !liveness) return {};
  prov.record('health.liveness', health.liveness !== undefined || shorthand !== undefined ? 'app' : 'platform', liveness);
  const readinessThreshold = 3;
  return {
    probes: {
      readiness: {
        handler: readiness,
        periodSeconds: timing.readinessPeriodSeconds,
        timeoutSeconds: timing.timeoutSeconds,
        failureThreshold: readinessThreshold,
      },
      liveness: {
        handler: liveness,
        periodSeconds: timing.livenessPeriodSeconds,
        timeoutSeconds: timing.timeoutSeconds,
        failureThreshold: timing.livenessFailureThreshold,
      },
      startup: {
        handler: liveness,
        periodSeconds: timing.readinessPeriodSeconds,
        timeoutSeconds: timing.timeoutSeconds,
        failureThreshold: Math.max(1, Math.ceil(timing.startupSeconds / timing.readinessPeriodSeconds)),
      },
    },
  };
}

/** A worker may declare it has nothing to check, with a reason; a server may not (its Service routes by readiness). */
function noHealthReason(ctx: ResolveContext, health: NoHealth): string | undefined {
  if (ctx.def.kind === 'web-service' || ctx.def.kind === 'stateful-service') {
    ctx.problems.add({
      code: 'E_HEALTH_NONE',
      field: 'health',
      value: 'none',
      message: 'is for workers only: a web or stateful service gets traffic through its Service only while its readiness probe passes',
      fix: "declare the endpoint it serves, e.g. Health.http('/healthz') or Health.tcp(), or leave health out for the default",
    });
    return undefined;
  }
  if (typeof health.reason !== 'string' || health.reason.trim().length < MIN_REASON_LENGTH) {
    ctx.problems.add({
      code: 'E_HEALTH_REASON',
      field: 'health.reason',
      value: health.reason ?? null,
      message: `must say in at least ${MIN_REASON_LENGTH} characters why the app has no health endpoint`,
      fix: "e.g. Health.none({ reason: 'load generator: serves nothing, exits on failure' })",
    });
    return undefined;
  }
  return health.reason.trim();
}

/** What the app wrote for liveness with the older shorthands (`livenessPath`, `livenessCommand`). */
interface Shorthand {
  readonly field: 'health.livenessPath' | 'health.livenessCommand';
  readonly value: unknown;
  readonly check: ProbeCheck;
}
function livenessShorthand(health: Exclude<HealthCheck, NoHealth>): Shorthand | undefined {
  if (health.kind === 'http' && health.livenessPath !== undefined)
    return {
      field: 'health.livenessPath',
      value: health.livenessPath,
      check: { kind: 'http', path: health.livenessPath, port: health.port, headers: health.headers },
    };
  if (health.kind === 'exec' && health.livenessCommand !== undefined)
    return { field: 'health.livenessCommand', value: health.livenessCommand, check: { kind: 'exec', command: health.livenessCommand } };
  return undefined;
}

/**
 * The check liveness runs: the declared one, else a TCP check of the readiness port for HTTP and
 * gRPC (the process answers, whatever its dependencies do), else the readiness check itself.
 */
function resolveLivenessCheck(ctx: ResolveContext, health: Exclude<HealthCheck, NoHealth>, shorthand: Shorthand | undefined): ProbeCheck | undefined {
  if (health.liveness !== undefined && shorthand !== undefined) {
    ctx.problems.add({
      code: 'E_HEALTH_LIVENESS',
      field: shorthand.field,
      value: shorthand.value,
      message: 'and health.liveness both say what liveness checks',
      fix: `keep one of them: health.liveness, or ${shorthand.field}`,
    });
    return undefined;
  }
  if (health.liveness !== undefined) {
    if (
      health.liveness === null ||
      typeof health.liveness !== 'object' ||
      !HEALTH_KINDS.includes(health.liveness.kind) ||
      health.liveness.kind === ('none' as string)
    ) {
      ctx.problems.add({
        code: 'E_HEALTH_KIND',
        field: 'health.liveness',
        value: (health.liveness as { kind?: unknown } | null)?.kind ?? null,
        message: 'is not a check (http, grpc, tcp or exec)',
        fix: "build it with Health.tcp(), Health.http('/livez'), Health.grpc() or Health.exec([...])",
      });
      return undefined;
    }
    return health.liveness;
  }
  if (shorthand) return shorthand.check;
  if (health.kind === 'http' || health.kind === 'grpc') return { kind: 'tcp', port: health.port };
  return health;
}

/** `shorthandField` names what the app wrote when the check came from `livenessPath` or `livenessCommand`. */
function toHandler(ctx: ResolveContext, field: string, check: ProbeCheck, ports: readonly ResolvedPort[], shorthandField?: string): Handler | undefined {
  const { problems } = ctx;
  if (check.kind === 'exec') {
    if (!isList(check.command) || check.command.length === 0 || check.command.some((c) => typeof c !== 'string')) {
      addOnce(ctx, {
        code: 'E_HEALTH_EXEC',
        field: shorthandField ?? `${field}.command`,
        value: check.command ?? null,
        message: 'must be a non-empty list of strings',
        fix: "e.g. Health.exec(['/app/healthcheck'])",
      });
      return undefined;
    }
    return { kind: 'exec', command: check.command };
  }
  const port = probePort(ctx, field, check.port, ports);
  if (!port) return undefined;
  if (check.kind === 'http') {
    if (typeof check.path !== 'string' || !check.path.startsWith('/')) {
      problems.add({
        code: 'E_HEALTH_PATH',
        field: shorthandField ?? `${field}.path`,
        value: check.path ?? null,
        message: 'must be an absolute HTTP path',
        fix: "start it with '/', e.g. '/healthz'",
      });
    }
    const headers = httpHeaders(ctx, field, check.headers);
    return { kind: 'http', path: check.path, port: port.name, ...(headers.length > 0 ? { headers } : {}) };
  }
  // The gRPC probe takes a port number only; the name check above still proves it exists.
  if (check.kind === 'grpc') return { kind: 'grpc', port: port.port, service: check.service ?? '' };
  return { kind: 'tcp', port: port.name };
}

/** Request headers, sorted by name so the output is stable; names must be HTTP tokens and values one line. */
function httpHeaders(ctx: ResolveContext, field: string, headers: Readonly<Record<string, string>> | undefined): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const at = `${field}.headers.${name}`;
    if (!HEADER_NAME.test(name)) {
      addOnce(ctx, {
        code: 'E_HEALTH_HEADER',
        field: at,
        value: name,
        message: 'is not a valid HTTP header name',
        fix: "use letters, digits and - (e.g. 'X-Probe'), no spaces or ':'",
      });
    } else if (typeof value !== 'string' || hasControlCharacter(value)) {
      addOnce(ctx, {
        code: 'E_HEALTH_HEADER',
        field: at,
        value: value ?? null,
        message: 'is not a valid HTTP header value',
        fix: 'use a one-line string without control characters',
      });
    } else out.push({ name, value });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A control character other than tab: it would end or corrupt the header line. */
function hasControlCharacter(value: string): boolean {
  return [...value].some((c) => c !== '\t' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
}

/** The named port a network probe checks; it must be one the container declares. */
function probePort(ctx: ResolveContext, field: string, name: string | undefined, ports: readonly ResolvedPort[]): ResolvedPort | undefined {
  const wanted = name ?? (ctx.def.kind === 'worker' ? 'health' : ports[0]?.name);
  const port = ports.find((p) => p.name === wanted);
  // A port that failed its own check (E_PORT, E_PORT_DUPLICATE...) is reported there; calling it undeclared too would mislead.
  if (!port && !ctx.problems.all.some((p) => p.code.startsWith('E_PORT') || p.code === 'E_PROTOCOL')) {
    const known = ports.map((p) => `'${p.name}'`).join(', ') || 'none';
    const fix = ctx.def.kind === 'worker' && name === undefined ? 'set healthPort to the port the check listens on' : `name a declared port (${known})`;
    addOnce(ctx, {
      code: 'E_HEALTH_PORT',
      field: `${field}.port`,
      value: wanted ?? null,
      message: `is not a port the container declares (declared: ${known})`,
      fix,
    });
  }
  return port;
}

/** Liveness derived from readiness checks the same port with the same headers: one report of a fault is enough. */
function addOnce(ctx: ResolveContext, problem: Parameters<ResolveContext['problems']['add']>[0]): void {
  if (!ctx.problems.all.some((p) => p.code === problem.code && p.field === problem.field)) ctx.problems.add(problem);
}
