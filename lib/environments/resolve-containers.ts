import { formatImage, parseImage, tagProblem, digestProblem } from '../internal/image';
import { looksSecret } from '../internal/looks-secret';
import { DNS_LABEL_MAX, isEnvVarName, nameProblem } from '../internal/names';
import { parseQuantity } from '../internal/quantity';
import { ExtraContainerProps, SidecarProps } from '../model/containers';
import { HEALTH_KINDS, HealthCheck } from '../model/health';
import { ResolvedContainer } from '../model/resolved-container';
import { ResolvedPort, ResolvedProbe } from '../model/resolved-app';
import { ResolvedResources } from '../model/resolved-pod';
import { redacted } from './check-secret-literals';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { isList, isPositiveInt, ResolveContext } from './resolve-context';
import { checkRequestsWithinLimits } from './resolve-resources';
import { Release } from './resolve-image';

/** An IANA service name, what a container port's name must be. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;
const PORT_NAME_MAX = 15;

export interface ResolvedContainers {
  readonly containerName: string;
  readonly sidecars: readonly ResolvedContainer[];
  readonly initContainers: readonly ResolvedContainer[];
  readonly sidecarPlacement: 'native' | 'containers';
}

/**
 * The app container's name, its sidecars and its init containers. Each image is pinned like the
 * app's (the releases file's `<app>/<container>` entry wins over the definition's tag); names are
 * unique in the pod; init containers have no probes; a scheduled task's sidecar needs native
 * sidecars, since a plain one would keep its Job from ever completing.
 */
export function resolveContainers(ctx: ResolveContext, release: Release | undefined, appPorts: readonly ResolvedPort[]): ResolvedContainers {
  const { def, env, prov, problems } = ctx;
  const containerName = prov.pick('containerName', ['platform', def.name], ['app', def.containerName]);
  if (def.containerName !== undefined) checkContainerName(ctx, 'containerName', containerName);
  const sidecarPlacement = env.kubernetes.nativeSidecars ? 'native' : 'containers';
  prov.record('sidecarPlacement', 'environment', sidecarPlacement);

  const seen = new Map<string, string>([[containerName, def.containerName !== undefined ? 'containerName' : 'the app container']]);
  const ports = [...appPorts];
  const resolveList = <P extends ExtraContainerProps>(field: 'sidecars' | 'initContainers', list: readonly P[] | undefined, sidecar: boolean) => {
    if (list === undefined) return [];
    if (!isList(list)) {
      problems.add({
        code: 'E_CONTAINER',
        field,
        value: list,
        message: 'must be a list of containers',
        fix: `e.g. ${field}: [{ name: 'proxy', image: '...' }]`,
      });
      return [];
    }
    return list.flatMap((c, i) => {
      if (c === null || typeof c !== 'object') {
        problems.add({ code: 'E_CONTAINER', field: `${field}[${i}]`, value: c, message: 'must be a container', fix: "e.g. { name: 'proxy', image: '...' }" });
        return [];
      }
      return [resolveContainer(ctx, `${field}[${i}]`, c, sidecar, release?.containers?.[c.name], seen, ports)];
    });
  };
  const sidecars = resolveList('sidecars', def.sidecars, true);
  const initContainers = resolveList('initContainers', def.initContainers, false);
  if (sidecars.length > 0 && def.kind === 'scheduled-task' && sidecarPlacement === 'containers') {
    problems.add({
      code: 'E_SIDECAR_TASK',
      field: 'sidecars',
      value: env.kubernetes.version.value,
      message: `needs native sidecars (Kubernetes >= 1.29); in ${env.name} (Kubernetes ${env.kubernetes.version.value}) a sidecar would keep each Job running forever`,
      fix: "run the task without a sidecar here, or set the environment's kubernetesVersion once its clusters run 1.29 or later",
    });
  }
  return { containerName, sidecars, initContainers, sidecarPlacement };
}

function resolveContainer(
  ctx: ResolveContext,
  field: string,
  c: ExtraContainerProps & Partial<Pick<SidecarProps, 'port' | 'portName' | 'health'>>,
  sidecar: boolean,
  pin: Release | undefined,
  seen: Map<string, string>,
  ports: ResolvedPort[],
): ResolvedContainer {
  const { problems, prov } = ctx;
  const name = typeof c.name === 'string' ? c.name : '';
  checkContainerName(ctx, `${field}.name`, c.name);
  const clash = seen.get(name);
  if (clash !== undefined && name !== '') {
    const main = clash === 'containerName' || clash === 'the app container';
    problems.add({
      code: main ? 'E_CONTAINER_NAME_CLASH' : 'E_CONTAINER_NAME_DUPLICATE',
      field: `${field}.name`,
      value: name,
      message: main ? `is the name of the app's own container (${clash})` : `is already the name of ${clash}`,
      fix: 'give every container of the pod its own name',
    });
  }
  seen.set(name, `${field}.name`);

  const image = resolveContainerImage(ctx, field, name, c.image, pin);
  prov.record(`${field}.image`, pin?.tag !== undefined || pin?.digest !== undefined ? 'release' : 'app', image);
  const env = containerEnv(ctx, field, c.env);
  const resources = containerResources(ctx, field, c.resources);

  let port: ResolvedPort | undefined;
  if (!sidecar && (c.port !== undefined || c.health !== undefined)) {
    problems.add({
      code: 'E_INIT_CONTAINER_PROBE',
      field: `${field}.${c.health !== undefined ? 'health' : 'port'}`,
      value: c.health !== undefined ? ((c.health as { kind?: unknown })?.kind ?? null) : c.port,
      message: 'is not allowed on an init container: it runs once to completion, so nothing probes or reaches it',
      fix: 'remove it, or make the container a sidecar if it must keep running',
    });
  } else if (c.port !== undefined) {
    port = sidecarPort(ctx, field, name, c.port, c.portName, ports);
  }
  const probes = sidecar && c.health !== undefined ? sidecarProbes(ctx, field, c.health, port) : undefined;
  return {
    name,
    image,
    ...(c.command !== undefined ? { command: [...c.command] } : {}),
    ...(c.args !== undefined ? { args: [...c.args] } : {}),
    env,
    appEnv: prov.pick(`${field}.appEnv`, ['platform', false], ['app', c.appEnv]),
    ...(port ? { port } : {}),
    resources,
    ...(probes ? { probes } : {}),
  };
}

function checkContainerName(ctx: ResolveContext, field: string, value: unknown): void {
  const problem = typeof value === 'string' ? nameProblem(value, DNS_LABEL_MAX) : 'must be a string';
  if (problem) {
    ctx.problems.add({ code: 'E_CONTAINER_NAME', field, value: value ?? null, message: problem, fix: "use a lowercase DNS label, e.g. 'cloudsql-proxy'" });
  }
}

/** The image with the release's pin, or the definition's own tag or digest; neither is a located error. */
function resolveContainerImage(ctx: ResolveContext, field: string, name: string, image: unknown, pin: Release | undefined): string {
  const { problems, def, env } = ctx;
  const parsed = parseImage(typeof image === 'string' ? image : '');
  if ('problem' in parsed) {
    problems.add({ code: 'E_IMAGE', field: `${field}.image`, value: image ?? null, message: parsed.problem, fix: parsed.fix });
    return String(image);
  }
  for (const [key, value, check] of [
    ['tag', pin?.tag, tagProblem],
    ['digest', pin?.digest, digestProblem],
  ] as const) {
    const problem = value === undefined ? undefined : check(value);
    if (problem) problems.add({ code: 'E_IMAGE', field: `releases.${name}.${key}`, value, message: problem.problem, fix: problem.fix });
  }
  const pinned = pin?.tag !== undefined || pin?.digest !== undefined;
  const tag = pinned ? pin?.tag : parsed.image.tag;
  const digest = pinned ? pin?.digest : parsed.image.digest;
  if (tag === undefined && digest === undefined) {
    problems.add({
      code: 'E_IMAGE_UNPINNED',
      field: `${field}.image`,
      value: image,
      message: `has no tag or digest and the releases file has no entry '${def.name}/${name}' for this environment`,
      fix: `run 'platform set-image ${def.name} --container ${name} --env ${env.name} --tag <tag>' or add ':<tag>' to the image`,
    });
  }
  return formatImage({ repository: parsed.image.repository, tag, digest });
}

function containerEnv(ctx: ResolveContext, field: string, env: Readonly<Record<string, string>> | undefined): ResolvedContainer['env'] {
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(env ?? {})) {
    if (!isEnvVarName(name)) {
      ctx.problems.add({
        code: 'E_ENV_NAME',
        field: `${field}.env.${name}`,
        value: name,
        message: 'is not a valid environment variable name',
        fix: 'use letters, digits, _ . and -, not starting with a digit',
      });
    }
    const reason = typeof value === 'string' ? looksSecret(name, value) : undefined;
    if (reason) {
      ctx.problems.add({
        code: 'E_SECRET_LITERAL',
        field: `${field}.env.${name}`,
        value: redacted(value),
        message: `holds what looks like a literal secret (${reason}); secrets are only ever references to the secret store`,
        fix: 'pass it through a file or a Secret the container reads, and rotate it, since git has seen it',
      });
    }
    out.push({ name, value });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The sidecar profile of the environment under the container's own values; the memory limit follows the request. */
function containerResources(ctx: ResolveContext, field: string, own: ExtraContainerProps['resources']): ResolvedResources {
  const profile = ctx.env.profile.sidecarResources;
  const value = {
    cpu: own?.cpu ?? profile.cpu,
    memory: own?.memory ?? profile.memory,
    ephemeralStorage: own?.ephemeralStorage ?? profile.ephemeralStorage,
    ephemeralStorageLimit: own?.ephemeralStorageLimit ?? profile.ephemeralStorageLimit,
    cpuLimit: own?.cpuLimit,
    memoryLimit: own?.memoryLimit ?? own?.memory ?? profile.memory,
  };
  const amount: Partial<Record<keyof typeof value, number>> = {};
  for (const [key, v] of Object.entries(value) as [keyof typeof value, string | undefined][]) {
    if (v === undefined) continue;
    const parsed = parseQuantity(v, key.startsWith('cpu') ? 'cpu' : 'bytes');
    if ('problem' in parsed) ctx.problems.add({ code: 'E_QUANTITY', field: `${field}.resources.${key}`, value: v, message: parsed.problem, fix: parsed.fix });
    else amount[key] = parsed.value;
  }
  checkRequestsWithinLimits(ctx.problems, amount, value, (limit) => `${field}.resources.${limit}`);
  return {
    requests: { cpu: value.cpu, memory: value.memory, 'ephemeral-storage': value.ephemeralStorage },
    limits: {
      ...(value.cpuLimit !== undefined ? { cpu: value.cpuLimit } : {}),
      memory: value.memoryLimit,
      'ephemeral-storage': value.ephemeralStorageLimit,
    },
  };
}

/** The sidecar's port: a valid number and name, unique in the pod (the pod shares one network namespace). */
function sidecarPort(
  ctx: ResolveContext,
  field: string,
  container: string,
  port: number,
  portName: string | undefined,
  ports: ResolvedPort[],
): ResolvedPort | undefined {
  const { problems } = ctx;
  const name = portName ?? container;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.add({ code: 'E_PORT', field: `${field}.port`, value: port, message: 'must be a whole number from 1 to 65535', fix: 'e.g. 5432' });
    return undefined;
  }
  if (name.length > PORT_NAME_MAX || !PORT_NAME.test(name)) {
    problems.add({
      code: 'E_PORT_NAME',
      field: `${field}.${portName !== undefined ? 'portName' : 'name'}`,
      value: name,
      message: `is not a valid port name (lowercase letters, digits and '-', at most ${PORT_NAME_MAX} characters, with a letter)`,
      fix: `set ${field}.portName, e.g. 'proxy'`,
    });
    return undefined;
  }
  const clash = ports.find((p) => p.name === name || p.port === port);
  if (clash) {
    problems.add({
      code: 'E_PORT_DUPLICATE',
      field: `${field}.port`,
      value: port,
      message: `clashes with port '${clash.name}' (${clash.port}) of the pod: its containers share one network`,
      fix: 'listen on another port, or give it another portName',
    });
    return undefined;
  }
  const resolved = { name, port };
  ports.push(resolved);
  return resolved;
}

/** Probes of a sidecar, derived as the app's are (readiness; a more patient liveness; startup) from the platform's timing. */
function sidecarProbes(ctx: ResolveContext, field: string, health: HealthCheck, port: ResolvedPort | undefined): ResolvedContainer['probes'] {
  const { problems } = ctx;
  if (!HEALTH_KINDS.includes(health?.kind)) {
    problems.add({
      code: 'E_HEALTH_KIND',
      field: `${field}.health.kind`,
      value: (health as { kind?: unknown })?.kind ?? null,
      message: `is not a known probe kind (${HEALTH_KINDS.join(', ')})`,
      fix: 'build it with Health.http(), Health.grpc(), Health.tcp() or Health.exec()',
    });
    return undefined;
  }
  // A sidecar's probes are optional anyway: 'none' is the same as declaring no health.
  if (health.kind === 'none') return undefined;
  let readiness: ResolvedProbe['handler'];
  let liveness: ResolvedProbe['handler'];
  if (health.kind === 'exec') {
    if (!isList(health.command) || health.command.length === 0) {
      problems.add({
        code: 'E_HEALTH_EXEC',
        field: `${field}.health.command`,
        value: health.command,
        message: 'must be a non-empty list of strings',
        fix: "e.g. Health.exec(['/healthcheck'])",
      });
      return undefined;
    }
    readiness = { kind: 'exec', command: health.command };
    liveness = { kind: 'exec', command: health.livenessCommand ?? health.command };
  } else {
    if (!port || (health.port !== undefined && health.port !== port.name)) {
      problems.add({
        code: 'E_HEALTH_PORT',
        field: `${field}.health.port`,
        value: health.port ?? null,
        message: port ? `is not the sidecar's port ('${port.name}')` : 'needs the sidecar to declare its port',
        fix: port ? `leave it out or name '${port.name}'` : `set ${field}.port, or use Health.exec()`,
      });
      return undefined;
    }
    if (health.kind === 'http') {
      // As for the app's container: liveness checks only that the process answers, unless a path is given.
      readiness = { kind: 'http', path: health.path, port: port.name };
      liveness = health.livenessPath ? { kind: 'http', path: health.livenessPath, port: port.name } : { kind: 'tcp', port: port.name };
    } else if (health.kind === 'grpc') {
      readiness = { kind: 'grpc', port: port.port, service: health.service ?? '' };
      liveness = { kind: 'tcp', port: port.name };
    } else {
      readiness = liveness = { kind: 'tcp', port: port.name };
    }
  }
  const d = PLATFORM_DEFAULTS.probe;
  const timing = {
    readinessPeriodSeconds: health.readinessPeriodSeconds ?? d.readinessPeriodSeconds,
    livenessPeriodSeconds: health.livenessPeriodSeconds ?? d.livenessPeriodSeconds,
    livenessFailureThreshold: health.livenessFailureThreshold ?? d.livenessFailureThreshold,
    startupSeconds: health.startupSeconds ?? d.startupSeconds,
    timeoutSeconds: health.timeoutSeconds ?? d.timeoutSeconds,
  };
  for (const [key, value] of Object.entries(timing)) {
    if (!isPositiveInt(value)) {
      problems.add({
        code: 'E_HEALTH_TIMING',
        field: `${field}.health.${key}`,
        value,
        message: 'must be a whole number greater than 0',
        fix: 'use seconds (or a count) as a positive integer',
      });
    }
  }
  const t = timing.timeoutSeconds;
  return {
    readiness: { handler: readiness, periodSeconds: timing.readinessPeriodSeconds, timeoutSeconds: t, failureThreshold: 3 },
    liveness: { handler: liveness, periodSeconds: timing.livenessPeriodSeconds, timeoutSeconds: t, failureThreshold: timing.livenessFailureThreshold },
    startup: {
      handler: liveness,
      periodSeconds: timing.readinessPeriodSeconds,
      timeoutSeconds: t,
      failureThreshold: Math.max(1, Math.ceil(timing.startupSeconds / timing.readinessPeriodSeconds)),
    },
  };
}
