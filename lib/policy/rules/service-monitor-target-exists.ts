import { Manifest } from '../../manifest/manifest';
import { EnvironmentObjects, namespaceOf } from '../../manifest/environment-objects';
import { IntOrString, LabelSelector } from '../../manifest/k8s-types';
import { PodTemplates } from '../../manifest/pod-template';
import { selects, serviceSelector } from '../../manifest/service-selector';
import { monitoredNamespaces } from '../monitor-namespaces';
import { EnvironmentRule, ObjectViolation } from '../rule';

interface ServiceMonitorSpec {
  readonly selector?: LabelSelector;
  readonly endpoints?: readonly { readonly port?: string; readonly targetPort?: IntOrString }[];
}

export const serviceMonitorTargetExists: EnvironmentRule = {
  id: 'service-monitor-target-exists',
  scope: 'environment',
  severity: 'error',
  finding: 'a ServiceMonitor selects no Service, or scrapes a port its Services or their pods do not have',
  why: 'Prometheus silently scrapes nothing, so the dashboards and SLO alerts of the app go blind',
  fix: "match the Service's labels in spec.selector; name one of its ports (port) or of its pods' container ports (targetPort) in each endpoint",
  check: (objects, context) => {
    const out: ObjectViolation[] = [];
    for (const monitor of objects.ofKind('ServiceMonitor')) {
      const spec = (monitor as { spec?: ServiceMonitorSpec }).spec;
      const namespaces = monitoredNamespaces(monitor);
      const services =
        namespaces === undefined
          ? objects.ofKind('Service').filter((s) => selects(spec?.selector, (s.metadata.labels as Record<string, string> | undefined) ?? {}))
          : namespaces.flatMap((ns) => objects.objectsSelectedBy(ns, 'Service', spec?.selector));
      if (services.length === 0) {
        out.push({
          object: monitor,
          field: 'spec.selector',
          message: `spec.selector matches no Service in ${namespaces ? `namespace ${namespaces.map((n) => `'${n}'`).join(', ')}` : 'any namespace'}`,
        });
        continue;
      }
      const ports = new Set(services.flatMap((s) => ((s as { spec?: { ports?: { name?: string }[] } }).spec?.ports ?? []).map((p) => p.name)));
      const podPorts = containerPortsBehind(objects, services, context.pods);
      (spec?.endpoints ?? []).forEach((endpoint, i) => {
        if (endpoint.port !== undefined && !ports.has(endpoint.port)) {
          out.push({
            object: monitor,
            field: `spec.endpoints[${i}].port`,
            message: `port '${endpoint.port}' is not a port name of the selected Services (${services.map((s) => `${namespaceOf(s)}/${s.metadata.name}`).join(', ')})`,
          });
        }
        if (endpoint.targetPort !== undefined && !podPorts.has(endpoint.targetPort)) {
          out.push({
            object: monitor,
            field: `spec.endpoints[${i}].targetPort`,
            message: `targetPort ${JSON.stringify(endpoint.targetPort)} is not a container port of the pods behind the selected Services`,
          });
        }
      });
    }
    return out;
  },
};

/** Names and numbers of the container ports of the pods the Services send traffic to. */
function containerPortsBehind(objects: EnvironmentObjects, services: readonly Manifest[], pods: PodTemplates): Set<IntOrString> {
  const out = new Set<IntOrString>();
  for (const service of services) {
    const selector = (service as { spec?: { selector?: Record<string, string> } }).spec?.selector;
    for (const w of objects.podsSelectedBy(namespaceOf(service), serviceSelector(selector))) {
      for (const at of pods.containersOf(w.pod)) {
        for (const p of at.container.ports ?? []) {
          out.add(p.containerPort);
          if (p.name) out.add(p.name);
        }
      }
    }
  }
  return out;
}
