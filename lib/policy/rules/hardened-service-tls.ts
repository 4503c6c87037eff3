import { dataClassOf } from '../../manifest/data-class';
import { ObjectRule } from '../rule';

/** The names the platform gives a TLS serving port; a hardened Service exposes no other. */
const TLS_PORT_NAMES: ReadonlySet<string> = new Set(['https', 'grpcs']);

export const hardenedServiceTls: ObjectRule = {
  id: 'hardened-service-tls',
  scope: 'object',
  severity: 'error',
  finding: "a hardened app's Service exposes a plain-text port",
  why: 'personal and payment data must be encrypted in transit inside the cluster too: a plain-text port lets any pod on the path read it',
  fix: "serve TLS on the serving port (named 'https' or 'grpcs', as the hardened path names it) and leave metricsOnService out",
  admission: {
    synthOnly:
      'it reads a Service; the admission layer matches the pod-running kinds (a Service without pods to serve carries no data), and the golden path renders every hardened Service',
  },
  check: (object) => {
    if (object.kind !== 'Service' || object.apiVersion !== 'v1' || dataClassOf(object) === undefined) return [];
    const ports = (object as { spec?: { ports?: readonly { name?: string; port?: number }[] } }).spec?.ports ?? [];
    return ports.flatMap((port, i) =>
      TLS_PORT_NAMES.has(port.name ?? '') ? [] : [{ field: `spec.ports[${i}]`, message: `port '${port.name ?? port.port}' is not a TLS port` }],
    );
  },
};
