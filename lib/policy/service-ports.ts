import { Manifest } from '../manifest/manifest';

interface ServicePort {
  readonly name?: string;
  readonly port: number;
}

/** Whether a Service exposes a port, by name or number as a backend reference gives it. */
export function servicePortExists(service: Manifest, port: { readonly name?: string; readonly number?: number }): boolean {
  const ports = (service as { spec?: { ports?: readonly ServicePort[] } }).spec?.ports ?? [];
  if (port.name !== undefined) return ports.some((p) => p.name === port.name);
  if (port.number !== undefined) return ports.some((p) => p.port === port.number);
  return true;
}
