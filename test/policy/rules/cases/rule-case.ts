import { Manifest } from '../../../../lib/manifest/manifest';
import { Waiver } from '../../../../lib/model/waiver';
import { Rule } from '../../../../lib/policy/rule';

/** A rule with objects that pass it and objects that break it, for the generic compliant/violating/waived tests. */
export interface RuleCase {
  readonly rule: Rule;
  /** Objects of one app that the rule accepts. */
  readonly compliant: () => readonly Manifest[];
  /** Objects of one app that the rule reports. */
  readonly violating: () => readonly Manifest[];
  /** A fragment of the finding's message. */
  readonly message: string;
  /** The start of the field path the finding points at. @default - not asserted */
  readonly field?: string;
  /** The app's namespace, as the check knows it. @default - not known */
  readonly namespace?: string;
  /** Environment the objects are checked in. @default 'prod' */
  readonly environment?: string;
  /** Fields of the waiver of the waived case, e.g. a shorter expiry for a hardened app. @default - the policy helpers' waiver */
  readonly waiver?: Partial<Waiver>;
  /** The violating objects are a hardened app's, which may not waive the rule: the waived case expects the waiver refused. @default false */
  readonly unwaivable?: boolean;
}
