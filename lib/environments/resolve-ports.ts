import { ResolvedPort } from '../model/resolved-app';
import { ResolveContext } from './resolve-context';
import { PLATFORM_DEFAULTS } from './platform-defaults';

export interface ResolvedPorts {
  readonly ports: readonly ResolvedPort[];
  readonly servicePort?: ResolvedPort & { readonly appProtocol: 'http' | 'grpc' };
}

/** The container's named ports: serving (web services), health (workers) and metrics. */
export function resolvePorts(ctx: ResolveContext): ResolvedPorts {
  const { def, prov, problems } = ctx;
  const declared: { field: string; name: string; port: number | undefined }[] = [];
  let servicePort: ResolvedPorts['servicePort'];
  if (def.kind === 'web-service' || def.kind === 'stateful-service') {
    const protocol = prov.pick<'http' | 'grpc'>('protocol', ['platform', PLATFORM_DEFAULTS.protocol], ['app', def.protocol]);
    if (protocol !== 'http' && protocol !== 'grpc') {
      problems.add({ code: 'E_PROTOCOL', field: 'protocol', value: protocol, message: "must be 'http' or 'grpc'", fix: "set protocol to 'http' or 'grpc'" });
    }
    const port = prov.pick('port', ['platform', PLATFORM_DEFAULTS.port], ['app', def.port]);
    declared.push({ field: 'port', name: protocol, port });
    servicePort = { name: protocol, port, appProtocol: protocol };
  }
  if (def.kind === 'worker' && def.healthPort !== undefined) declared.push({ field: 'healthPort', name: 'health', port: def.healthPort });
  if (def.kind !== 'scheduled-task' && def.metricsPort !== undefined) declared.push({ field: 'metricsPort', name: 'metrics', port: def.metricsPort });

  const ports: ResolvedPort[] = [];
  const seen = new Map<number, string>();
  for (const { field, name, port } of declared) {
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      problems.add({
        code: 'E_PORT',
        field,
        value: port,
        message: 'must be an integer from 1 to 65535',
        fix: 'use the port the process listens on, e.g. 8080',
      });
      continue;
    }
    const other = seen.get(port);
    if (other !== undefined) {
      problems.add({ code: 'E_PORT_DUPLICATE', field, value: port, message: `is already used by '${other}'`, fix: 'give each port its own number' });
      continue;
    }
    seen.set(port, field);
    ports.push({ name, port });
  }
  return { ports, servicePort };
}
