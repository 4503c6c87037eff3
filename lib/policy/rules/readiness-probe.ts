import { Manifest } from '../../manifest/manifest';
import { namespaceOf } from '../../manifest/environment-objects';
import { IntOrString } from '../../manifest/k8s-types';
import { serviceSelector } from '../../manifest/service-selector';
import { describeContainer } from '../../manifest/pod-template';
import { EnvironmentRule, ObjectViolation } from '../rule';

interface ServiceSpec {
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports?: readonly { readonly port: number; readonly targetPort?: IntOrString }[];
}

export const readinessProbe: EnvironmentRule = {
  id: 'readiness-probe',
  scope: 'environment',
  severity: 'error',
  finding: 'a Service sends traffic to a container that has no readiness probe',
  why: 'without readiness the pod gets traffic as soon as the process starts, and keeps getting it while it cannot serve',
  fix: "give the serving container a readinessProbe (the golden path derives it from 'health')",
  check: (objects, context) => {
    const out: ObjectViolation[] = [];
    const reported = new Set<string>();
    for (const service of objects.ofKind('Service')) {
      const spec = (service as { spec?: ServiceSpec }).spec;
      for (const workload of objects.podsSelectedBy(namespaceOf(service), serviceSelector(spec?.selector))) {
        for (const at of context.pods.containersOf(workload.pod)) {
          if (at.type !== 'container' || at.container.readinessProbe || !serves(at.container.ports ?? [], spec?.ports ?? [])) continue;
          // One finding per container however many Services select it; by namespace too, as two teams' workloads may share a name.
          const key = `${workload.object.kind}/${namespaceOf(workload.object)}/${workload.object.metadata.name}/${at.path}`;
          if (reported.has(key)) continue;
          reported.add(key);
          out.push({
            object: workload.object,
            field: `${at.path}.readinessProbe`,
            message: `${describeContainer(at)} serves Service '${name(service)}' but has no readinessProbe`,
          });
        }
      }
    }
    return out;
  },
};

/** Whether the container declares a port the Service targets (by name or number). */
function serves(ports: readonly { name?: string; containerPort: number }[], servicePorts: ServiceSpec['ports'] & {}): boolean {
  return servicePorts.some((sp) => {
    const target = sp.targetPort ?? sp.port;
    return ports.some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target));
  });
}

function name(object: Manifest): string {
  return object.metadata.name;
}
