import { ResolvedPort } from '../model/resolved-app';
import { PORT_PROTOCOLS, PortProtocol, ResolvedServicePort, ServingPort } from '../model/ports';
import { ResolveContext } from './resolve-context';
import { PLATFORM_DEFAULTS } from './platform-defaults';

export interface ResolvedPorts {
  /** The container's ports: serving ports first, then health and metrics. */
  readonly ports: readonly ResolvedPort[];
  /** The Service's ports, primary first (web and stateful services). */
  readonly servicePorts: readonly ResolvedServicePort[];
  /** The definition field each container port comes from, by port name, for later messages (`ports.http.port`). */
  readonly fields: Readonly<Record<string, string>>;
}

interface Declared {
  readonly field: string;
  readonly name: string;
  readonly port: unknown;
  readonly serving?: { readonly servicePort: unknown; readonly protocol: PortProtocol; readonly appProtocol: string };
}

/** Kubernetes' IANA_SVC_NAME: what a container port's name must be (and what `targetPort` can refer to). */
const PORT_NAME = /^(?!.*--)(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;
/** An `appProtocol`: an IANA service name or a domain-prefixed name (`kubernetes.io/h2c`). */
const APP_PROTOCOL = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/;
/** Names that would tell a consumer (a mesh, an ingress) the port speaks a protocol a `tcp` port does not. */
const NOT_TCP = new Set(['http', 'https', 'http2', 'h2c', 'grpc', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);

/**
 * The container's named ports (serving ports of a web service, a worker's health port, the
 * metrics port) and the Service's ports. One serving port comes from `port`/`protocol`/`servicePort`,
 * several from `ports`; each Service port targets its container port by name.
 */
export function resolvePorts(ctx: ResolveContext): ResolvedPorts {
  const { def } = ctx;
  const declared: Declared[] = def.kind === 'web-service' || def.kind === 'stateful-service' ? servingPorts(ctx) : [];
  if (def.kind === 'worker' && def.healthPort !== undefined) declared.push({ field: 'healthPort', name: 'health', port: def.healthPort });
  if (def.kind !== 'scheduled-task' && def.kind !== 'batch-job' && def.metricsPort !== undefined)
    declared.push({ field: 'metricsPort', name: 'metrics', port: def.metricsPort });

  const ports: ResolvedPort[] = [];
  const servicePorts: ResolvedServicePort[] = [];
  const fields: Record<string, string> = {};
  const numbers = new Map<number, string>();
  const names = new Map<string, string>();
  for (const d of declared) {
    const otherName = names.get(d.name);
    if (otherName !== undefined) {
      ctx.problems.add({
        code: 'E_PORT_NAME_DUPLICATE',
        field: d.field,
        value: d.name,
        message: `names port '${d.name}', which ${otherName} already names`,
        fix: `give the serving port another name (the platform names the ${d.name} port)`,
      });
      continue;
    }
    names.set(d.name, `'${d.field}'`);
    if (!checkPortNumber(ctx, d.field, d.port)) continue;
    const other = numbers.get(d.port);
    if (other !== undefined) {
      ctx.problems.add({
        code: 'E_PORT_DUPLICATE',
        field: d.field,
        value: d.port,
        message: `is already used by '${other}'`,
        fix: 'give each port its own number',
      });
      continue;
    }
    numbers.set(d.port, d.field);
    ports.push({ name: d.name, port: d.port });
    fields[d.name] = d.field;
    if (d.serving) {
      if (!checkPortNumber(ctx, servicePortField(d.field), d.serving.servicePort)) continue;
      servicePorts.push({ name: d.name, port: d.serving.servicePort, targetPort: d.port, protocol: d.serving.protocol, appProtocol: d.serving.appProtocol });
    }
  }
  checkServicePortClashes(ctx, servicePorts, ports, fields);
  return { ports, servicePorts, fields };
}

/** A web or stateful service's serving ports, from `ports` or from the one-port shorthand. */
function servingPorts(ctx: ResolveContext): Declared[] {
  const { def, prov, problems } = ctx;
  if (def.kind !== 'web-service' && def.kind !== 'stateful-service') return [];
  if (def.ports === undefined) {
    const protocol = prov.pick<PortProtocol>('protocol', ['platform', PLATFORM_DEFAULTS.protocol], ['app', def.protocol]);
    checkProtocol(ctx, 'protocol', protocol);
    const port = prov.pick('port', ['platform', PLATFORM_DEFAULTS.port], ['app', def.port]);
    const servicePort = prov.pick('servicePort', ['platform', port], ['app', def.servicePort]);
    return [{ field: 'port', name: protocol, port, serving: { servicePort, protocol, appProtocol: protocol } }];
  }
  const shorthand = (['port', 'protocol', 'servicePort'] as const).filter((f) => def[f] !== undefined);
  if (shorthand.length > 0) {
    problems.add({
      code: 'E_PORTS_CONFLICT',
      field: shorthand[0],
      value: def[shorthand[0]],
      message: "is the one-port shorthand, but 'ports' is also set",
      fix: `move it into 'ports' (e.g. ports: { http: { port: 8080, servicePort: 80 } }), or remove 'ports'`,
    });
  }
  const entries = def.ports !== null && typeof def.ports === 'object' ? Object.entries(def.ports) : [];
  if (entries.length === 0) {
    problems.add({
      code: 'E_PORTS',
      field: 'ports',
      value: def.ports,
      message: 'must name at least one serving port',
      fix: "e.g. ports: { http: { port: 8080 } }, or use 'port' for a single port",
    });
  }
  const out: Declared[] = [];
  for (const [name, spec] of entries) {
    const field = `ports.${name}`;
    if (!PORT_NAME.test(name)) {
      problems.add({
        code: 'E_PORT_NAME',
        field,
        value: name,
        message: 'is not a valid port name (lowercase letters, digits and -, at most 15 characters, with a letter)',
        fix: "name the port for what it serves, e.g. 'http', 'grpc' or 'redis'",
      });
      continue;
    }
    const s: Partial<ServingPort> = spec !== null && typeof spec === 'object' ? spec : {};
    const protocol = prov.pick<PortProtocol>(`${field}.protocol`, ['platform', name === 'grpc' || name === 'tcp' ? name : 'http'], ['app', s.protocol]);
    if (!checkProtocol(ctx, `${field}.protocol`, protocol)) continue;
    const port = prov.pick<unknown>(`${field}.port`, ['app', s.port ?? null]);
    const servicePort = prov.pick<unknown>(`${field}.servicePort`, ['platform', port], ['app', s.servicePort]);
    const appProtocol = prov.pick(`${field}.appProtocol`, ['platform', protocol], ['app', s.appProtocol]);
    if (s.appProtocol !== undefined) checkAppProtocol(ctx, `${field}.appProtocol`, protocol, s.appProtocol);
    out.push({ field: `${field}.port`, name, port, serving: { servicePort, protocol, appProtocol } });
  }
  return out;
}

/** `port` -> `servicePort`, `ports.http.port` -> `ports.http.servicePort`. */
function servicePortField(portField: string): string {
  return portField === 'port' ? 'servicePort' : portField.replace(/\.port$/, '.servicePort');
}

function checkPortNumber(ctx: ResolveContext, field: string, port: unknown): port is number {
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) return true;
  ctx.problems.add({
    code: 'E_PORT',
    field,
    value: port ?? null,
    message: 'must be an integer from 1 to 65535',
    fix: field.endsWith('servicePort') ? 'use the port callers dial, e.g. 80' : 'use the port the process listens on, e.g. 8080',
  });
  return false;
}

function checkProtocol(ctx: ResolveContext, field: string, protocol: unknown): protocol is PortProtocol {
  if (PORT_PROTOCOLS.includes(protocol as PortProtocol)) return true;
  ctx.problems.add({
    code: 'E_PROTOCOL',
    field,
    value: protocol,
    message: "must be 'http', 'grpc' or 'tcp'",
    fix: "use 'tcp' for any other protocol over TCP (Redis, PostgreSQL), with appProtocol naming it",
  });
  return false;
}

function checkAppProtocol(ctx: ResolveContext, field: string, protocol: PortProtocol, appProtocol: unknown): void {
  const problem =
    protocol !== 'tcp'
      ? { message: `is for 'tcp' ports: an ${protocol} port's appProtocol is '${protocol}'`, fix: 'remove appProtocol' }
      : typeof appProtocol !== 'string' || !APP_PROTOCOL.test(appProtocol)
        ? { message: 'is not a protocol name', fix: "name the engine in lowercase, e.g. 'redis' or 'postgresql'" }
        : NOT_TCP.has(appProtocol)
          ? { message: 'names a protocol the platform serves itself', fix: `set the port's protocol to 'http' or 'grpc' instead of appProtocol` }
          : undefined;
  if (problem) ctx.problems.add({ code: 'E_APP_PROTOCOL', field, value: appProtocol ?? null, ...problem });
}

/** Two Service ports with one number: the Service is rejected by the API server. The metrics port joins them when scraped through the Service. */
function checkServicePortClashes(
  ctx: ResolveContext,
  servicePorts: readonly ResolvedServicePort[],
  ports: readonly ResolvedPort[],
  fields: Record<string, string>,
) {
  const { def } = ctx;
  const metrics = def.kind === 'web-service' && def.metricsOnService === true ? ports.find((p) => p.name === 'metrics') : undefined;
  const taken = new Map<number, string>();
  const exposed = [...servicePorts.map((p) => ({ name: p.name, port: p.port })), ...(metrics ? [metrics] : [])];
  for (const { name, port } of exposed) {
    const other = taken.get(port);
    if (other !== undefined) {
      ctx.problems.add({
        code: 'E_SERVICE_PORT_DUPLICATE',
        field: name === 'metrics' ? fields[name] : servicePortField(fields[name]),
        value: port,
        message: `is also the Service port of '${other}'`,
        fix: 'give each serving port its own servicePort',
      });
      continue;
    }
    taken.set(port, name);
  }
}
