/** What runs the policy pack's CEL rules in the cluster: Kyverno, Kubernetes' own ValidatingAdmissionPolicy, or nothing. */
export type AdmissionEngine = 'kyverno' | 'vap' | 'none';

/** What a policy does with an object that breaks an error rule: report it (audit and warn) or refuse it. */
export type AdmissionAction = 'audit' | 'deny';

/**
 * The policy pack at admission: the rules that have CEL (RuleCel) become admission policies in
 * dist/<env>/_platform/, synced before the teams. Roll out with 'audit' (kubectl warns, the audit
 * log and Kyverno's reports record), then 'deny'. Warning rules only ever audit.
 */
export interface EnvironmentAdmission {
  /**
   * 'kyverno': Kyverno ValidatingPolicies (policies.kyverno.io/v1, Kyverno 1.19+, any cluster version it supports).
   * 'vap': ValidatingAdmissionPolicy + Binding (admissionregistration.k8s.io/v1 on Kubernetes 1.30+; on 1.28 and
   * 1.29 only v1beta1 behind the ValidatingAdmissionPolicy feature gate: set `vapFeatureGate`).
   * 'none': no admission policies. @default 'kyverno'
   */
  readonly engine?: AdmissionEngine;
  /** @default 'audit' */
  readonly action?: AdmissionAction;
  /**
   * The cluster runs the API server with `--feature-gates=ValidatingAdmissionPolicy=true` and
   * `--runtime-config=admissionregistration.k8s.io/v1beta1=true` (Kubernetes 1.28 and 1.29 only). @default false
   */
  readonly vapFeatureGate?: boolean;
  /**
   * Where Kyverno PolicyExceptions go: the one namespace Kyverno reads them from
   * (`--exceptionNamespace`), which no team's AppProject may write to. @default 'kyverno'
   */
  readonly exceptionNamespace?: string;
}
