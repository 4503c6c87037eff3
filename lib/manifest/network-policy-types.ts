import { Manifest } from './manifest';
import { EnvironmentObjects, Workload } from './environment-objects';
import { LabelSelector } from './k8s-types';

export type PolicyDirection = 'Ingress' | 'Egress';

interface NetworkPolicySpec {
  readonly podSelector?: LabelSelector;
  readonly policyTypes?: readonly PolicyDirection[];
  readonly egress?: readonly unknown[];
}

/** The directions a NetworkPolicy restricts, with the API's default when policyTypes is unset. */
export function policyTypesOf(policy: Manifest): readonly PolicyDirection[] {
  const spec = (policy as { spec?: NetworkPolicySpec }).spec;
  if (spec?.policyTypes) return spec.policyTypes;
  return spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The NetworkPolicies of the workload's namespace that select its pods and restrict `direction`. */
export function policiesCovering(objects: EnvironmentObjects, workload: Workload, direction: PolicyDirection): Manifest[] {
  return objects.selecting('NetworkPolicy', workload.namespace, workload.pod.labels).filter((policy) => policyTypesOf(policy).includes(direction));
}
