import { namespaceOf } from '../../manifest/environment-objects';
import { EnvironmentRule, ObjectViolation } from '../rule';
import { servicePortExists } from '../service-ports';

interface IngressBackend {
  readonly service?: { readonly name: string; readonly port?: { readonly name?: string; readonly number?: number } };
}

interface IngressSpec {
  readonly defaultBackend?: IngressBackend;
  readonly rules?: readonly { readonly http?: { readonly paths?: readonly { readonly backend?: IngressBackend }[] } }[];
}

export const ingressBackendExists: EnvironmentRule = {
  id: 'ingress-backend-exists',
  scope: 'environment',
  severity: 'error',
  finding: 'an Ingress routes to a Service or port that does not exist',
  why: 'the controller answers 503 for that host and path',
  fix: "name a Service of the Ingress's namespace and one of its ports",
  check: (objects) => {
    const out: ObjectViolation[] = [];
    for (const ingress of objects.ofKind('Ingress')) {
      const namespace = namespaceOf(ingress);
      const spec = (ingress as { spec?: IngressSpec }).spec;
      const backends: [IngressBackend | undefined, string][] = [[spec?.defaultBackend, 'spec.defaultBackend']];
      (spec?.rules ?? []).forEach((rule, r) =>
        (rule.http?.paths ?? []).forEach((path, p) => backends.push([path.backend, `spec.rules[${r}].http.paths[${p}].backend`])),
      );
      for (const [backend, field] of backends) {
        const ref = backend?.service;
        if (!ref) continue;
        const service = objects.get(namespace, 'Service', ref.name);
        if (!service) out.push({ object: ingress, field, message: `there is no Service '${ref.name}' in namespace '${namespace}'` });
        else if (ref.port && !servicePortExists(service, ref.port)) {
          out.push({
            object: ingress,
            field: `${field}.service.port`,
            message: `Service '${ref.name}' has no port ${JSON.stringify(ref.port.name ?? ref.port.number)}`,
          });
        }
      }
    }
    return out;
  },
};
