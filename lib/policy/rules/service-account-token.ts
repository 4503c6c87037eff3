import { ObjectRule } from '../rule';

export const serviceAccountToken: ObjectRule = {
  id: 'service-account-token',
  scope: 'object',
  severity: 'error',
  finding: 'a Kubernetes API token is mounted into pods that did not ask for it',
  why: 'an automounted token hands anyone who breaks into the pod the permissions of its ServiceAccount',
  fix: 'set automountServiceAccountToken: false on the ServiceAccount and the pod; mount a projected token only where the app calls the API',
  admission: {
    cel: {
      expression:
        "object.kind == 'ServiceAccount' ? (has(object.automountServiceAccountToken) && object.automountServiceAccountToken == false)" +
        ' : (has(variables.podSpec.automountServiceAccountToken) && variables.podSpec.automountServiceAccountToken == false)',
      alsoMatches: [{ group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount' }],
    },
  },
  check: (object, context) => {
    if (object.kind === 'ServiceAccount' && object.apiVersion === 'v1') {
      return (object as { automountServiceAccountToken?: boolean }).automountServiceAccountToken === false
        ? []
        : [{ field: 'automountServiceAccountToken', message: 'the ServiceAccount does not set automountServiceAccountToken: false' }];
    }
    const pod = context.pods.of(object);
    if (!pod || pod.spec.automountServiceAccountToken === false) return [];
    return [{ field: `${pod.path}.automountServiceAccountToken`, message: 'the pod does not set automountServiceAccountToken: false' }];
  },
};
