import { App, Chart } from 'cdk8s';
import { ValidatingPolicy, ValidatingPolicySpecValidationActions } from '../../../imports/validatingpolicy-policies.kyverno.io';
import { Manifest } from '../../manifest/manifest';
import { AdmissionAction } from '../../model/environment-admission';
import { admissionMessage, admissionPolicyName, CelRule, platformNamespaces, resourceRules, validationActions } from './admission-rules';
import { admissionMetadata } from './admission-metadata';
import { POD_VARIABLES } from './pod-variables';

/**
 * A rule as a Kyverno ValidatingPolicy (policies.kyverno.io/v1): the rule's CEL over the pod-running
 * kinds in the platform's namespaces. Autogen is off: the policy matches the controllers itself and
 * reads each one's pod spec at its own path (POD_VARIABLES).
 */
export function kyvernoPolicy(environment: string, { rule, cel }: CelRule, action: AdmissionAction): Manifest {
  const name = admissionPolicyName(rule.id);
  const chart = new Chart(new App({ recordConstructMetadata: false }), name, { disableResourceNameHashes: true });
  const namespaces = platformNamespaces();
  new ValidatingPolicy(chart, name, {
    metadata: admissionMetadata(name, environment, rule),
    spec: {
      validationActions: validationActions(rule, action).map((a) => a as ValidatingPolicySpecValidationActions),
      matchConstraints: {
        resourceRules: resourceRules(cel),
        namespaceSelector: {
          matchLabels: namespaces.matchLabels,
          matchExpressions: namespaces.matchExpressions,
        },
      },
      variables: POD_VARIABLES.map((v) => ({ ...v })),
      validations: [{ expression: cel.expression, message: admissionMessage(rule) }],
      autogen: { podControllers: { controllers: [] } },
    },
  });
  return chart.toJson()[0] as Manifest;
}
