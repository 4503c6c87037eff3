/**
 * A deliberate, reviewed exception to one policy rule for one app. It lives in the app's
 * definition (so it is reviewed in the same pull request as the code it excuses), names an owner,
 * and expires: an expired waiver fails the check until it is renewed or removed. `E` is the
 * platform's environment names.
 */
export interface Waiver<E extends string = string> {
  /** Id of the rule waived, e.g. 'read-only-root-filesystem' (`platform check` lists them). */
  readonly rule: string;
  /** Waive the rule in this environment only (typo-checked like overrides). @default - every environment */
  readonly environment?: E;
  /** Waive the rule for this object only. @default - every object of the app */
  readonly object?: WaiverTarget;
  /** Why the exception is acceptable, in a sentence (at least 10 characters). */
  readonly reason: string;
  /** Who answers for it: a person or a team, e.g. 'team-payments' or 'jane@acme.dev'. */
  readonly owner: string;
  /** Last day the waiver applies, as 'YYYY-MM-DD' (UTC). */
  readonly expires: string;
}

/** The object a waiver applies to, by kind and (optionally) name. */
export interface WaiverTarget {
  /** e.g. 'Deployment' */
  readonly kind: string;
  /** @default - every object of the kind in the app */
  readonly name?: string;
}
