// `golden-path-platform/policy`: the schema checks and policy pack, on their own or as a cdk8s
// validation plugin. Re-exports only.
export type { EnvironmentRule, ObjectRule, ObjectViolation, Rule, RuleContext, RuleInfo, Severity, Violation } from '../policy/rule';
export { GOLDEN_PATH_PACK } from '../policy/pack';
export type { CheckReport, CheckSummary, Finding, ObjectRef, WaiverRef, WaiverReport, WaiverStatus } from '../policy/report';
export { runChecks } from '../policy/run-checks';
export type { CheckedApp, RunChecksOptions } from '../policy/run-checks';
export { policyCheck, schemaCheck } from '../policy/policy-checks';
export type { ObjectsCheck, PolicyCheckOptions } from '../policy/policy-checks';
export { formatFinding, formatReport, formatReportJson } from '../policy/format-report';
export { CheckFailedError } from '../policy/check-failed-error';
export { GoldenPathValidation } from '../policy/cdk8s-plugin';
export type { GoldenPathValidationProps, PluginWaiver, ValidationContextLike } from '../policy/cdk8s-plugin';
export { MIN_REASON_LENGTH } from '../policy/waiver';
export type { DeclaredWaiver } from '../policy/waiver';
export type { Waiver, WaiverTarget } from '../model/waiver';
export { KubernetesSchemas } from '../policy/schema/kubernetes-schemas';
export type { SchemaProblem } from '../policy/schema/schema-errors';
export type { Manifest } from '../manifest/manifest';
