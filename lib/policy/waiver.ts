import { Problems } from '../internal/errors';
import { HARDENED_MAX_WAIVER_DAYS, HARDENED_UNWAIVABLE_RULES } from '../model/hardening';
import { Waiver } from '../model/waiver';

/** A reason shorter than this says nothing a reviewer can check ('temp', 'legacy'). */
export const MIN_REASON_LENGTH = 10;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A waiver and where it came from. */
export interface DeclaredWaiver {
  readonly waiver: Waiver;
  /** The file it was declared in: the app definition, or the cdk8s.yaml of a plugin. */
  readonly declaredIn: string;
  /** Its position in that file's list of waivers, for error messages. */
  readonly index: number;
  /** Only objects of the app synthesized from this definition file. @default - any source */
  readonly source?: string;
  /** Only objects of the app of this name. @default - any app */
  readonly app?: string;
  /** Declared by a hardened app: no waiver of a security rule, and none longer than 90 days. @default false */
  readonly hardened?: boolean;
}

/** The object and rule of a finding, as waivers match them. */
export interface WaivableFinding {
  readonly rule: string;
  readonly environment: string;
  readonly app?: string;
  readonly source?: string;
  readonly kind: string;
  readonly name: string;
}

/** What a waiver may name: the rules that exist and (when known) the environments that exist. */
export interface WaiverVocabulary {
  readonly rules: ReadonlySet<string>;
  /** @default - any environment name is accepted */
  readonly environments?: ReadonlySet<string>;
  /** The moment of the check: a waiver may expire at most a year after it. */
  readonly now: Date;
}

/** How far away an expiry may be: an exception nobody has to look at again for years is not one. */
const MAX_WAIVER_YEARS = 1;

/** Records what is wrong with a waiver's fields (not its expiry, which is a finding of the check). */
export function checkWaiver(declared: DeclaredWaiver, vocabulary: WaiverVocabulary, problems: Problems): void {
  const { waiver, index } = declared;
  const at = problems.at({ source: declared.declaredIn, app: declared.app });
  const field = (name: string) => `waivers[${index}].${name}`;
  if (typeof waiver.rule !== 'string' || !vocabulary.rules.has(waiver.rule)) {
    at.add({
      code: 'E_WAIVER_RULE',
      field: field('rule'),
      value: waiver.rule,
      message: 'is not the id of a rule in the policy pack',
      fix: "use an id from 'platform check' output, e.g. 'read-only-root-filesystem'",
    });
  }
  if (typeof waiver.reason !== 'string' || waiver.reason.trim().length < MIN_REASON_LENGTH) {
    at.add({
      code: 'E_WAIVER_REASON',
      field: field('reason'),
      value: waiver.reason ?? null,
      message: `must explain the exception in at least ${MIN_REASON_LENGTH} characters`,
      fix: 'say why the rule does not fit this app and what limits the risk',
    });
  }
  if (typeof waiver.owner !== 'string' || waiver.owner.trim() === '') {
    at.add({
      code: 'E_WAIVER_OWNER',
      field: field('owner'),
      value: waiver.owner ?? null,
      message: 'must name who answers for the waiver',
      fix: "a team or a person, e.g. 'team-payments'",
    });
  }
  if (!isIsoDate(waiver.expires)) {
    at.add({
      code: 'E_WAIVER_EXPIRES',
      field: field('expires'),
      value: waiver.expires ?? null,
      message: "must be a date as 'YYYY-MM-DD'",
      fix: "e.g. expires: '2025-12-31' (the last day the waiver applies)",
    });
  }
  const latest = latestExpiry(vocabulary.now);
  if (isIsoDate(waiver.expires) && waiver.expires > latest) {
    at.add({
      code: 'E_WAIVER_EXPIRES',
      field: field('expires'),
      value: waiver.expires,
      message: `is more than a year away (the latest allowed today is ${latest})`,
      fix: `set expires: '${latest}' or sooner, and renew the waiver then if the exception still holds`,
    });
  }
  if (declared.hardened) checkHardenedWaiver(declared, vocabulary.now, at);
  if (waiver.environment !== undefined && vocabulary.environments && !vocabulary.environments.has(waiver.environment)) {
    at.add({
      code: 'E_WAIVER_ENVIRONMENT',
      field: field('environment'),
      value: waiver.environment,
      message: `is not an environment (known: ${[...vocabulary.environments].join(', ')})`,
      fix: 'use one of the known environments, or leave it out to waive everywhere',
    });
  }
  if (waiver.object !== undefined && (typeof waiver.object.kind !== 'string' || waiver.object.kind === '')) {
    at.add({
      code: 'E_WAIVER_OBJECT',
      field: field('object.kind'),
      value: waiver.object.kind ?? null,
      message: 'must name the kind of the object waived',
      fix: "e.g. object: { kind: 'Deployment', name: 'checkout' }",
    });
  }
}

/** A hardened app waives no security rule, and its other waivers are looked at again within 90 days. */
function checkHardenedWaiver(declared: DeclaredWaiver, now: Date, at: Problems): void {
  const { waiver, index } = declared;
  if (HARDENED_UNWAIVABLE_RULES.includes(waiver.rule)) {
    at.add({
      code: 'E_HARDENED_WAIVER',
      field: `waivers[${index}].rule`,
      value: waiver.rule,
      message: 'is a security rule, which a hardened app may not waive',
      fix: 'make the objects comply, or take the app off the hardened path (a reviewed change)',
    });
  }
  const latest = utcDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + HARDENED_MAX_WAIVER_DAYS)));
  if (isIsoDate(waiver.expires) && waiver.expires > latest) {
    at.add({
      code: 'E_HARDENED_WAIVER_EXPIRES',
      field: `waivers[${index}].expires`,
      value: waiver.expires,
      message: `is more than ${HARDENED_MAX_WAIVER_DAYS} days away, the longest a hardened app's waiver may run (the latest allowed today is ${latest})`,
      fix: `set expires: '${latest}' or sooner, and renew the waiver then if the exception still holds`,
    });
  }
}

/** Whether a waiver covers a finding: same rule, its environment (if it names one), its app and object. */
export function waiverCovers(declared: DeclaredWaiver, finding: WaivableFinding): boolean {
  const { waiver } = declared;
  if (waiver.rule !== finding.rule) return false;
  if (waiver.environment !== undefined && waiver.environment !== finding.environment) return false;
  if (declared.source !== undefined && declared.source !== finding.source) return false;
  if (declared.app !== undefined && declared.app !== finding.app) return false;
  if (waiver.object && waiver.object.kind !== finding.kind) return false;
  if (waiver.object?.name !== undefined && waiver.object.name !== finding.name) return false;
  return true;
}

/** A waiver applies through the whole of its `expires` day (UTC) and is expired from the next one. */
export function isExpired(waiver: Waiver, now: Date): boolean {
  return utcDay(now) > waiver.expires;
}

/** The same day a year on (28 February after a 29th). */
function latestExpiry(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear() + MAX_WAIVER_YEARS, now.getUTCMonth(), now.getUTCDate()));
  if (day.getUTCDate() !== now.getUTCDate()) day.setUTCDate(0);
  return utcDay(day);
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && utcDay(date) === value;
}
