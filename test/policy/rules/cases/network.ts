import { networkPolicyEgress } from '../../../../lib/policy/rules/network-policy-egress';
import { networkPolicyIngress } from '../../../../lib/policy/rules/network-policy-ingress';
import { networkPolicySelectsNothing } from '../../../../lib/policy/rules/network-policy-selects-nothing';
import { taskDef } from '../../../helpers';
import { edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

export const NETWORK_CASES: readonly RuleCase[] = [
  {
    rule: networkPolicyIngress,
    compliant: () => golden(),
    violating: () => edit(golden(), 'NetworkPolicy', (p) => (p.spec.policyTypes = ['Egress'])),
    message: "no Ingress NetworkPolicy in namespace 'shop' selects the pods of Deployment 'checkout'",
    field: 'spec.template.metadata.labels',
  },
  {
    rule: networkPolicyEgress,
    compliant: () => golden(taskDef()),
    violating: () =>
      edit(golden(taskDef()), 'NetworkPolicy', (p) => {
        p.spec.policyTypes = ['Ingress'];
        delete p.spec.egress;
      }),
    message: "no Egress NetworkPolicy in namespace 'shop' selects the pods of CronJob 'report'",
    field: 'spec.jobTemplate.spec.template.metadata.labels',
  },
  {
    rule: networkPolicySelectsNothing,
    compliant: () => golden(),
    violating: () => edit(golden(), 'NetworkPolicy', (p) => (p.spec.podSelector = { matchLabels: { 'app.kubernetes.io/name': 'chekout' } })),
    message: "spec.podSelector matches no pods in namespace 'shop'",
    field: 'spec.podSelector',
  },
];
