import { Manifest } from '../../manifest/manifest';
import { selects } from '../../manifest/label-selector';
import { Workload } from '../../network/reachability';

/** A workload that an Ingress or HTTPRoute publishes: under which hosts, on which container ports. */
export interface PublicEntry {
  /** `namespace/name` */
  readonly workload: string;
  readonly hosts: readonly string[];
  readonly ports: readonly number[];
}

interface Backend {
  readonly namespace: string;
  readonly service: string;
  readonly port?: number | string;
}
interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
}
interface IngressBackend {
  readonly service?: { readonly name: string; readonly port?: { readonly name?: string; readonly number?: number } };
}
interface IngressSpec {
  readonly defaultBackend?: IngressBackend;
  readonly rules?: readonly { readonly host?: string; readonly http?: { readonly paths?: readonly { readonly backend?: IngressBackend }[] } }[];
}
interface HttpRouteSpec {
  readonly hostnames?: readonly string[];
  readonly rules?: readonly { readonly backendRefs?: readonly { readonly kind?: string; readonly name: string; readonly port?: number }[] }[];
}

/**
 * The workloads behind every Ingress and HTTPRoute of an environment: host -> backend Service ->
 * the pods its selector picks -> the container port its target port names. Sorted by workload.
 */
export function publicEntries(manifests: readonly Manifest[], workloads: readonly Workload[]): PublicEntry[] {
  const routes: { host: string; backend: Backend }[] = [];
  for (const m of manifests) {
    const namespace = m.metadata.namespace ?? 'default';
    if (m.kind === 'Ingress') {
      const spec = (m as { spec?: IngressSpec }).spec ?? {};
      const add = (host: string, b: IngressBackend | undefined) => {
        if (b?.service) routes.push({ host, backend: { namespace, service: b.service.name, port: b.service.port?.number ?? b.service.port?.name } });
      };
      add('*', spec.defaultBackend);
      for (const rule of spec.rules ?? []) for (const path of rule.http?.paths ?? []) add(rule.host ?? '*', path.backend);
    } else if (m.kind === 'HTTPRoute') {
      const spec = (m as { spec?: HttpRouteSpec }).spec ?? {};
      const hosts = spec.hostnames && spec.hostnames.length > 0 ? spec.hostnames : ['*'];
      for (const rule of spec.rules ?? [])
        for (const ref of rule.backendRefs ?? [])
          if ((ref.kind ?? 'Service') === 'Service') for (const host of hosts) routes.push({ host, backend: { namespace, service: ref.name, port: ref.port } });
    }
  }
  const entries = new Map<string, { hosts: Set<string>; ports: Set<number> }>();
  for (const { host, backend } of routes) {
    const service = manifests.find(
      (m) => m.kind === 'Service' && m.metadata.name === backend.service && (m.metadata.namespace ?? 'default') === backend.namespace,
    );
    const spec = (service as { spec?: { selector?: Record<string, string>; ports?: readonly ServicePort[] } } | undefined)?.spec;
    if (!spec?.selector || Object.keys(spec.selector).length === 0) continue;
    const servicePort = (spec.ports ?? []).find((p) => (typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port));
    for (const w of workloads.filter((x) => x.namespace === backend.namespace && selects({ matchLabels: spec.selector }, x.labels))) {
      const target = servicePort?.targetPort ?? servicePort?.port;
      const port = typeof target === 'string' ? w.ports[target] : target;
      const entry = entries.get(`${w.namespace}/${w.name}`) ?? { hosts: new Set<string>(), ports: new Set<number>() };
      entry.hosts.add(host);
      if (port !== undefined) entry.ports.add(port);
      entries.set(`${w.namespace}/${w.name}`, entry);
    }
  }
  return [...entries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([workload, e]) => ({ workload, hosts: [...e.hosts].sort(), ports: [...e.ports].sort((a, b) => a - b) }));
}
