import { isClusterScoped } from '../../manifest/cluster-scoped';
import { ObjectRule } from '../rule';

export const noDefaultNamespace: ObjectRule = {
  id: 'no-default-namespace',
  scope: 'object',
  severity: 'error',
  finding: "an object goes to the 'default' namespace",
  why: "objects without a namespace land wherever kubectl points, and 'default' has no owner, quota or policies",
  fix: "set metadata.namespace (the golden path uses the team's namespace)",
  admission: { synthOnly: "admission policies match only the namespaces the platform manages, which 'default' is not" },
  check: (object) => {
    if (isClusterScoped(object.kind)) return [];
    const namespace = object.metadata.namespace;
    if (namespace === undefined || namespace === '') return [{ field: 'metadata.namespace', message: 'the object has no namespace' }];
    if (namespace === 'default') return [{ field: 'metadata.namespace', message: "the object is in namespace 'default'" }];
    return [];
  },
};
