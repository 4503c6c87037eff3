import { LABEL } from '../../internal/labels';
import { Manifest } from '../../manifest/manifest';
import { ResolvedAdmission } from '../../model/resolved-environment';
import { ADMISSION_ANNOTATION, admissionMetadata } from './admission-metadata';
import { admissionMessage, admissionPolicyName, CelRule, platformNamespaces, resourceRules, validationActions } from './admission-rules';
import { ActiveWaiver } from './admission-waivers';
import { POD_VARIABLES } from './pod-variables';

/**
 * A rule as a Kubernetes ValidatingAdmissionPolicy: the rule's CEL over the pod-running kinds. Where
 * it applies is the bindings' business (nativeBindings). failurePolicy Fail: an expression that
 * cannot be evaluated counts as a failed validation, which the binding's actions then handle.
 */
export function nativePolicy(environment: string, { rule, cel }: CelRule, admission: ResolvedAdmission): Manifest {
  const name = admissionPolicyName(rule.id);
  return {
    apiVersion: admission.vapApiVersion,
    kind: 'ValidatingAdmissionPolicy',
    metadata: admissionMetadata(name, environment, rule),
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: resourceRules(cel) },
      variables: POD_VARIABLES.map((v) => ({ ...v })),
      validations: [{ expression: cel.expression, message: admissionMessage(rule) }],
    },
  };
}

/**
 * The bindings of a rule's policy: one over the platform's namespaces without a waiver for the rule,
 * and one per namespace with waived apps, whose objectSelector leaves out exactly those apps' objects
 * (every object of an app, and its pods, carries the app's name label). A binding cannot tell one
 * object of an app from another, so a waiver naming an object lifts the rule from its whole app; the
 * exclusion says so in its annotations.
 */
export function nativeBindings(environment: string, celRule: CelRule, admission: ResolvedAdmission, waivers: readonly ActiveWaiver[]): Manifest[] {
  const { rule } = celRule;
  const policyName = admissionPolicyName(rule.id);
  const actions = validationActions(rule, admission.action.value);
  const namespaces = platformNamespaces();
  const byNamespace = new Map<string, ActiveWaiver[]>();
  for (const w of waivers) byNamespace.set(w.app.namespace, [...(byNamespace.get(w.app.namespace) ?? []), w]);
  const waivedNamespaces = [...byNamespace.keys()].sort();
  const binding = (name: string, matchResources: Record<string, unknown>, annotations: Record<string, string> = {}): Manifest => {
    const metadata = admissionMetadata(name, environment, rule);
    return {
      apiVersion: admission.vapApiVersion,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { ...metadata, annotations: { ...metadata.annotations, ...annotations } },
      spec: { policyName, validationActions: actions, matchResources },
    };
  };
  const out = [
    binding(policyName, {
      namespaceSelector: {
        matchLabels: namespaces.matchLabels,
        matchExpressions: [
          ...namespaces.matchExpressions,
          ...(waivedNamespaces.length > 0 ? [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: waivedNamespaces }] : []),
        ],
      },
    }),
  ];
  for (const namespace of waivedNamespaces) {
    const inNamespace = byNamespace.get(namespace)!;
    const apps = [...new Set(inNamespace.map((w) => w.app.name))].sort();
    const describe = (pick: (w: ActiveWaiver) => string) =>
      inNamespace
        .map((w) => `${w.app.name}${w.waiver.object ? ` (${w.waiver.object.kind}${w.waiver.object.name ? ` ${w.waiver.object.name}` : ''})` : ''}: ${pick(w)}`)
        .join('; ');
    out.push(
      binding(
        `${policyName}-${namespace}`,
        {
          namespaceSelector: {
            matchLabels: namespaces.matchLabels,
            matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [namespace] }],
          },
          objectSelector: { matchExpressions: [{ key: LABEL.name, operator: 'NotIn', values: apps }] },
        },
        {
          [ADMISSION_ANNOTATION.waiverReason]: describe((w) => w.waiver.reason),
          [ADMISSION_ANNOTATION.waiverOwner]: describe((w) => w.waiver.owner),
          [ADMISSION_ANNOTATION.waiverExpires]: describe((w) => w.waiver.expires),
          [ADMISSION_ANNOTATION.waiverSource]: [...new Set(inNamespace.map((w) => w.app.source))].sort().join(', '),
        },
      ),
    );
  }
  return out;
}
