import { objectFlag, ReviewInput, RiskFlag } from './risk-flag';

/** What deleting an object of these kinds takes with it, beyond the object. */
const CONSEQUENCE: Record<string, string> = {
  Namespace: 'deletes everything in the namespace',
  PersistentVolumeClaim: 'its volume, and the data on it, may be deleted too (reclaim policy Delete)',
  StatefulSet: 'its pods stop; their volume claims stay until deleted by hand',
  CustomResourceDefinition: 'deletes every object of that type in the cluster',
  Service: 'clients of its name lose the address',
  Secret: 'pods that mount it fail to start',
  ConfigMap: 'pods that mount it fail to start',
};

/**
 * Deletions: every object that is gone from an environment (renamed objects are apply hazards).
 * Argo CD prunes what disappears from Git, so each is a deletion in the cluster.
 */
export function deletionRisks({ diff }: ReviewInput): RiskFlag[] {
  return diff.objects
    .filter((d) => d.status === 'removed')
    .map((d) => {
      const consequence = CONSEQUENCE[d.kind];
      return objectFlag(d, 'deletion', 'deletion/object', `deleted: Argo CD prunes it from the cluster${consequence ? `; ${consequence}` : ''}`);
    });
}
