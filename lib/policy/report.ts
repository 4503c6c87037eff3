import { Waiver } from '../model/waiver';
import { Severity } from './rule';

/** The object a finding is about. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Where a waiver was declared, as findings it excuses refer to it. */
export interface WaiverRef {
  readonly declaredIn: string;
  readonly index: number;
  readonly owner: string;
  readonly expires: string;
  readonly reason: string;
}

/** One thing a rule (or the schema) found wrong with one object in one environment. */
export interface Finding {
  /** The rule's id; 'schema' for schema validation. */
  readonly rule: string;
  readonly severity: Severity;
  /** One line: what is wrong with this object. */
  readonly message: string;
  readonly why: string;
  readonly fix: string;
  readonly environment: string;
  readonly app: string;
  readonly team?: string;
  /** The file the app is defined in. */
  readonly source: string;
  readonly object: ObjectRef;
  /** Where the object comes from in the construct tree (or `<environment>/<app>/<kind>/<name>`). */
  readonly constructPath: string;
  /** The field at fault inside the object. */
  readonly field?: string;
  /** The waiver that excuses the finding; a waived finding never fails the check. */
  readonly waivedBy?: WaiverRef;
}

/**
 * - used: it excused at least one finding;
 * - unused: it applies to an environment that was checked but excused nothing (remove it);
 * - expired: past its date (fails the check, and excuses nothing);
 * - not-checked: it names an environment this run did not check.
 */
export type WaiverStatus = 'used' | 'unused' | 'expired' | 'not-checked';

/** A waiver as the report shows it: what it says, where it is, and what became of it. */
export interface WaiverReport extends Waiver {
  readonly declaredIn: string;
  readonly index: number;
  /** The app it belongs to (by name). */
  readonly app?: string;
  readonly status: WaiverStatus;
  /** How many findings it excused. */
  readonly findings: number;
}

export interface CheckSummary {
  readonly environments: number;
  /** Distinct files the objects come from: app definitions (and apps/environments.ts for the platform's own). */
  readonly sources: number;
  /** Objects checked, counting each environment's copy. */
  readonly objects: number;
  /** Error findings not waived: any fails the check. */
  readonly errors: number;
  /** Warning findings not waived: reported, never failing. */
  readonly warnings: number;
  readonly waived: number;
  /** Expired waivers: any fails the check. */
  readonly expiredWaivers: number;
  readonly unusedWaivers: number;
}

/** The outcome of `platform check` (and of the checks `platform synth` runs): what `--json` prints. */
export interface CheckReport {
  /** Kubernetes version the schemas represent. */
  readonly kubernetesVersion: string;
  /** The day waivers were checked against, 'YYYY-MM-DD' (UTC). */
  readonly date: string;
  readonly environments: readonly string[];
  /** Ids of the rules that ran, besides schema validation. */
  readonly rules: readonly string[];
  readonly passed: boolean;
  readonly summary: CheckSummary;
  /** Sorted by environment, app, object, then rule. */
  readonly findings: readonly Finding[];
  readonly waivers: readonly WaiverReport[];
}
