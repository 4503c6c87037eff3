import { ObjectRule } from '../rule';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const pssHostNamespaces: ObjectRule = {
  id: 'pss-host-namespaces',
  scope: 'object',
  severity: 'error',
  finding: "a pod shares the node's network, process or IPC namespace",
  why: "host namespaces let a pod see and reach the node's processes and traffic (Pod Security baseline)",
  fix: 'remove hostNetwork, hostPID and hostIPC from the pod spec',
  admission: {
    cel: {
      expression: HOST_NAMESPACES.map((field) => `!has(variables.podSpec.${field}) || variables.podSpec.${field} != true`)
        .map((e) => `(${e})`)
        .join(' && '),
    },
  },
  check: (object, context) => {
    const pod = context.pods.of(object);
    if (!pod) return [];
    return HOST_NAMESPACES.filter((field) => pod.spec[field] === true).map((field) => ({
      field: `${pod.path}.${field}`,
      message: `the pod sets ${field}: true`,
    }));
  },
};
