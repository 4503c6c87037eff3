import { isClusterScoped } from '../../manifest/cluster-scoped';
import { ObjectRule } from '../rule';

export const appNamespace: ObjectRule = {
  id: 'app-namespace',
  scope: 'object',
  severity: 'error',
  finding: "an app's object goes to another namespace than the app's",
  why: "a team's Argo CD Application, quota, network policies and CODEOWNERS cover its own namespace; an object elsewhere escapes them and may overwrite another team's",
  fix: "leave metadata.namespace as the golden path sets it (the team's namespace)",
  admission: { synthOnly: 'needs to know which app rendered the object, which the cluster does not' },
  check: (object, context) => {
    const expected = context.owner?.namespace;
    if (expected === undefined || context.owner?.platform === true || isClusterScoped(object.kind)) return [];
    const namespace = object.metadata.namespace;
    if (namespace === expected) return [];
    return [{ field: 'metadata.namespace', message: `the object is in namespace '${namespace ?? '(none)'}', not the app's namespace '${expected}'` }];
  },
};
