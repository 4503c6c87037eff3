import { Manifest } from '../manifest/manifest';
import { EnvironmentObjects } from '../manifest/environment-objects';
import { PodTemplates } from '../manifest/pod-template';
import { PromqlParser } from '../monitoring/promql';

/** An error fails the check (unless waived); a warning is reported and never fails it. */
export type Severity = 'error' | 'warning';

/** What a rule says about itself. The report repeats it with every finding. */
export interface RuleInfo {
  /** Stable id, used by waivers and reports. Never renamed: a rename silently drops every waiver. */
  readonly id: string;
  readonly severity: Severity;
  /** One line on what is wrong, e.g. 'a container runs privileged'. */
  readonly finding: string;
  /** One line on why it matters. */
  readonly why: string;
  /** One line on how to fix it. */
  readonly fix: string;
}

/** One place a rule found its finding in an object. */
export interface Violation {
  /** Path of the field at fault, e.g. `spec.template.spec.containers[0].securityContext`. @default - the object as a whole */
  readonly field?: string;
  /** What exactly is wrong there, in one line. @default - the rule's finding */
  readonly message?: string;
}

/** A violation found by a rule over the whole environment: it names the object at fault. */
export interface ObjectViolation extends Violation {
  readonly object: Manifest;
}

/** What a rule may know besides the objects. */
export interface RuleContext {
  readonly environment: string;
  /** The environment serves production traffic (prod-only rules apply). */
  readonly production: boolean;
  /** Pod templates of this check run, read once per object (no module-level cache: a run owns its own). */
  readonly pods: PodTemplates;
  /** The PromQL parser of this check run, which parses each distinct expression once. */
  readonly promql: PromqlParser;
  /** Who produced the object, for object rules. @default - not known (environment rules) */
  readonly owner?: RuleOwner;
}

/** What an object rule knows of the app (or the platform) that produced the object. */
export interface RuleOwner {
  /** The platform's own objects (team namespaces, Argo CD Applications), not an app's. */
  readonly platform: boolean;
  /** The namespace the app's objects belong in. @default - not known */
  readonly namespace?: string;
}

/** A kind an admission policy matches besides the pod-running kinds, e.g. ServiceAccount. */
export interface AdmissionKind {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name, e.g. 'serviceaccounts'. */
  readonly resource: string;
  readonly kind: string;
}

/**
 * The rule as a CEL admission check, beside its TypeScript check and equal to it (test/policy/admission
 * evaluates both on every case of the pack). `expression` is true when the object complies. It reads
 * `object` and the variables every admission policy declares (lib/policy/admission/pod-variables.ts):
 * `variables.podSpec` (a Pod's spec, a controller's pod template spec, a CronJob's job template's),
 * `variables.containers` (init containers, then containers) and `variables.ephemeralContainers`.
 * Policies match Pods and every pod-owning kind; `alsoMatches` adds kinds the rule also covers.
 */
export interface RuleCel {
  readonly expression: string;
  /** @default - the pod-running kinds only */
  readonly alsoMatches?: readonly AdmissionKind[];
}

/** How a rule reaches the cluster: as CEL, or synth-only with the reason it cannot be CEL. */
export type RuleAdmission = { readonly cel: RuleCel } | { readonly synthOnly: string };

/** A rule over one object at a time: a pure function of the object. */
export interface ObjectRule extends RuleInfo {
  readonly scope: 'object';
  check(object: Manifest, context: RuleContext): readonly Violation[];
  /** The rule at admission. Environment rules are synth-only by nature (they read several objects). @default - synth-only, reason not given */
  readonly admission?: RuleAdmission;
}

/** A rule across objects (a Service and the pods it selects): a pure function of one environment's objects. */
export interface EnvironmentRule extends RuleInfo {
  readonly scope: 'environment';
  check(objects: EnvironmentObjects, context: RuleContext): readonly ObjectViolation[];
}

export type Rule = ObjectRule | EnvironmentRule;
