import { policiesCovering } from '../../manifest/network-policy-types';
import { EnvironmentRule } from '../rule';

export const networkPolicyEgress: EnvironmentRule = {
  id: 'network-policy-egress',
  scope: 'environment',
  severity: 'error',
  finding: 'pods may connect anywhere: no NetworkPolicy restricts their egress',
  why: 'unrestricted egress lets a compromised pod reach every database and the internet, for exfiltration or lateral movement',
  fix: 'select the pods with a NetworkPolicy whose policyTypes include Egress (the golden path allows DNS plus network.egress)',
  check: (objects) =>
    objects
      .workloads()
      .filter((w) => policiesCovering(objects, w, 'Egress').length === 0)
      .map((w) => ({
        object: w.object,
        field: w.pod.labelsPath,
        message: `no Egress NetworkPolicy in namespace '${w.namespace}' selects the pods of ${w.object.kind} '${w.object.metadata.name}'`,
      })),
};
