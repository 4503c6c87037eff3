import { LabelSelector } from '../../manifest/k8s-types';
import { selects } from '../../manifest/service-selector';
import { monitoredNamespaces } from '../monitor-namespaces';
import { EnvironmentRule, ObjectViolation } from '../rule';

interface PodMonitorSpec {
  readonly selector?: LabelSelector;
  readonly podMetricsEndpoints?: readonly { readonly port?: string }[];
}

export const podMonitorTargetExists: EnvironmentRule = {
  id: 'pod-monitor-target-exists',
  scope: 'environment',
  severity: 'error',
  finding: 'a PodMonitor selects no pods, or scrapes a port name those pods do not declare',
  why: 'Prometheus silently scrapes nothing, so the dashboards and alerts of the app go blind',
  fix: "match the pods' labels in spec.selector and name one of their container ports in each endpoint",
  check: (objects, context) => {
    const out: ObjectViolation[] = [];
    for (const monitor of objects.ofKind('PodMonitor')) {
      const spec = (monitor as { spec?: PodMonitorSpec }).spec;
      const namespaces = monitoredNamespaces(monitor);
      const pods =
        namespaces === undefined
          ? objects.workloads().filter((w) => selects(spec?.selector, w.pod.labels))
          : namespaces.flatMap((ns) => objects.podsSelectedBy(ns, spec?.selector));
      if (pods.length === 0) {
        out.push({
          object: monitor,
          field: 'spec.selector',
          message: `spec.selector matches no pods in ${namespaces ? `namespace ${namespaces.map((n) => `'${n}'`).join(', ')}` : 'any namespace'}`,
        });
        continue;
      }
      const ports = new Set(pods.flatMap((w) => context.pods.containersOf(w.pod).flatMap((at) => (at.container.ports ?? []).map((p) => p.name))));
      (spec?.podMetricsEndpoints ?? []).forEach((endpoint, i) => {
        if (endpoint.port !== undefined && !ports.has(endpoint.port)) {
          out.push({
            object: monitor,
            field: `spec.podMetricsEndpoints[${i}].port`,
            message: `port '${endpoint.port}' is not a container port name of the selected pods`,
          });
        }
      });
    }
    return out;
  },
};
