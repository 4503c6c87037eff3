import { policiesCovering } from '../../manifest/network-policy-types';
import { EnvironmentRule } from '../rule';

export const networkPolicyIngress: EnvironmentRule = {
  id: 'network-policy-ingress',
  scope: 'environment',
  severity: 'error',
  finding: 'pods accept traffic that no NetworkPolicy restricts',
  why: 'a pod no Ingress policy selects accepts connections from every pod in the cluster, so one compromised pod reaches it',
  fix: "select the pods with a NetworkPolicy whose policyTypes include Ingress (the golden path's default-deny policy does; declare peers in network.ingress)",
  check: (objects) =>
    objects
      .workloads()
      .filter((w) => policiesCovering(objects, w, 'Ingress').length === 0)
      .map((w) => ({
        object: w.object,
        field: w.pod.labelsPath,
        message: `no Ingress NetworkPolicy in namespace '${w.namespace}' selects the pods of ${w.object.kind} '${w.object.metadata.name}'`,
      })),
};
