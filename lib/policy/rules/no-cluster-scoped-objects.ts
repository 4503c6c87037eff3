import { isClusterScoped } from '../../manifest/cluster-scoped';
import { ObjectRule } from '../rule';

export const noClusterScopedObjects: ObjectRule = {
  id: 'no-cluster-scoped-objects',
  scope: 'object',
  severity: 'error',
  finding: 'an app creates a cluster-scoped object',
  why: 'a cluster-scoped object (ClusterRole, CRD, webhook, PersistentVolume, Namespace...) acts on every team, outside the namespace, quota and review an app lives in',
  fix: "remove it from the app's `objects`/`customize`; ask the platform team to provide it if the cluster needs it",
  admission: { synthOnly: 'needs to know which app rendered the object, which the cluster does not; cluster RBAC keeps teams from cluster-scoped kinds' },
  check: (object, context) => {
    // The platform's own objects (team Namespaces) are cluster-scoped by design.
    if (context.owner?.platform === true || !isClusterScoped(object.kind)) return [];
    return [{ message: `${object.kind} '${object.metadata.name}' is cluster-scoped; an app may create objects in its own namespace only` }];
  },
};
