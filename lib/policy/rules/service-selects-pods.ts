import { namespaceOf } from '../../manifest/environment-objects';
import { IntOrString } from '../../manifest/k8s-types';
import { serviceSelector } from '../../manifest/service-selector';
import { EnvironmentRule, ObjectViolation } from '../rule';

interface ServiceSpec {
  readonly type?: string;
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports?: readonly { readonly name?: string; readonly port: number; readonly targetPort?: IntOrString }[];
}

export const serviceSelectsPods: EnvironmentRule = {
  id: 'service-selects-pods',
  scope: 'environment',
  severity: 'error',
  finding: 'a Service selects no pods, or targets a port name its pods do not declare',
  why: 'the Service has no endpoints, so every request to it fails, usually because of a renamed label or port',
  fix: "make spec.selector match the pods' stable labels and each targetPort name a container port of those pods",
  check: (objects, context) => {
    const out: ObjectViolation[] = [];
    for (const service of objects.ofKind('Service')) {
      const spec = (service as { spec?: ServiceSpec }).spec;
      if (!spec?.selector || Object.keys(spec.selector).length === 0 || spec.type === 'ExternalName') continue;
      const namespace = namespaceOf(service);
      const pods = objects.podsSelectedBy(namespace, serviceSelector(spec.selector));
      if (pods.length === 0) {
        out.push({ object: service, field: 'spec.selector', message: `spec.selector matches no pods in namespace '${namespace}'` });
        continue;
      }
      const names = new Set(pods.flatMap((w) => context.pods.containersOf(w.pod).flatMap((at) => (at.container.ports ?? []).map((p) => p.name))));
      (spec.ports ?? []).forEach((port, i) => {
        if (typeof port.targetPort === 'string' && !names.has(port.targetPort)) {
          out.push({
            object: service,
            field: `spec.ports[${i}].targetPort`,
            message: `targetPort '${port.targetPort}' is not a port name of the selected pods`,
          });
        }
      });
    }
    return out;
  },
};
