import { namespaceOf } from '../../manifest/environment-objects';
import { EnvironmentRule, ObjectViolation } from '../rule';
import { servicePortExists } from '../service-ports';

interface BackendRef {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
}

export const httpRouteBackendExists: EnvironmentRule = {
  id: 'http-route-backend-exists',
  scope: 'environment',
  severity: 'error',
  finding: 'an HTTPRoute sends traffic to a Service or port that does not exist',
  why: 'the gateway answers 500 for the requests that rule matches',
  fix: 'name a Service (and one of its port numbers) that the platform synthesizes',
  check: (objects) => {
    const out: ObjectViolation[] = [];
    for (const route of objects.ofKind('HTTPRoute')) {
      const rules = (route as { spec?: { rules?: readonly { backendRefs?: readonly BackendRef[] }[] } }).spec?.rules ?? [];
      rules.forEach((rule, r) =>
        (rule.backendRefs ?? []).forEach((ref, b) => {
          if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
          const namespace = ref.namespace ?? namespaceOf(route);
          const service = objects.get(namespace, 'Service', ref.name);
          const field = `spec.rules[${r}].backendRefs[${b}]`;
          if (!service) out.push({ object: route, field, message: `there is no Service '${ref.name}' in namespace '${namespace}'` });
          else if (ref.port !== undefined && !servicePortExists(service, { number: ref.port })) {
            out.push({ object: route, field: `${field}.port`, message: `Service '${ref.name}' has no port ${ref.port}` });
          }
        }),
      );
    }
    return out;
  },
};
