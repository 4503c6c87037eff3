import { Manifest } from '../../../../lib/manifest/manifest';
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
}
