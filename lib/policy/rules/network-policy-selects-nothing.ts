import { namespaceOf } from '../../manifest/environment-objects';
import { LabelSelector } from '../../manifest/k8s-types';
import { EnvironmentRule } from '../rule';

export const networkPolicySelectsNothing: EnvironmentRule = {
  id: 'network-policy-selects-nothing',
  scope: 'environment',
  severity: 'error',
  finding: 'a NetworkPolicy selects no pods',
  why: 'a policy that selects nothing protects nothing: usually a typo in its selector, which leaves the intended pods open',
  fix: "make spec.podSelector match the pods' labels (app.kubernetes.io/name), or remove the policy",
  check: (objects) =>
    objects.ofKind('NetworkPolicy').flatMap((policy) => {
      const selector = (policy as { spec?: { podSelector?: LabelSelector } }).spec?.podSelector;
      const namespace = namespaceOf(policy);
      if (objects.podsSelectedBy(namespace, selector).length > 0) return [];
      return [{ object: policy, field: 'spec.podSelector', message: `spec.podSelector matches no pods in namespace '${namespace}'` }];
    }),
};
