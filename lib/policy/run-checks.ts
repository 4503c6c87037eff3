import { Problems } from '../internal/errors';
import { Waiver } from '../model/waiver';
import { Manifest } from '../manifest/manifest';
import { EnvironmentObjects } from '../manifest/environment-objects';
import { GOLDEN_PATH_PACK } from './pack';
import { CheckReport, Finding, WaiverReport } from './report';
import { ObjectRule, Rule, RuleContext, RuleInfo, Violation } from './rule';
import { KubernetesSchemas } from './schema/kubernetes-schemas';
import { SCHEMA_CHECK } from './schema/schema-check';
import { dataClassOf } from '../manifest/data-class';
import { checkWaiver, DeclaredWaiver, isExpired, utcDay, waiverCovers } from './waiver';
import { PodTemplates } from '../manifest/pod-template';
import { PromqlParser } from '../monitoring/promql';
import { AppResults, givenResults, objectRulesContext, ObjectResults, ObjectResultsMemo, ResultsSummary } from './object-results';
import { SummaryCoverage } from './results-summary';

/** One app in one environment, as the check sees it. A `RenderedApp` is one. */
export interface CheckedApp {
  readonly app: {
    readonly name: string;
    readonly team?: string;
    readonly environment: string;
    /** The file the app is defined in. */
    readonly source: string;
    /** The waivers of the app's definition, for every environment. @default - none */
    readonly waivers?: readonly Waiver[];
    /** The namespace the app's objects belong in. @default - not known: objects in any namespace pass */
    readonly namespace?: string;
    /** The objects are the platform's own (team namespaces, Argo CD Applications), not an app's. @default false */
    readonly platform?: boolean;
    /** The app is on the hardened path: its waivers are held to the stricter rules. @default - the standard path */
    readonly hardening?: { readonly dataClass: string };
  };
  readonly manifests: readonly Manifest[];
  /** What the schema and the pack's object rules found in these objects already (a render worker ran them). @default - the memo's, else none */
  readonly results?: ObjectResults;
}

export interface RunChecksOptions {
  /** The moment waivers are checked against (expiry). Injected, so tests are deterministic. */
  readonly now: Date;
  /** @default GOLDEN_PATH_PACK */
  readonly rules?: readonly Rule[];
  /** Validate every object against its schema. @default true */
  readonly schema?: boolean;
  /** Environments that serve production (where prod-only rules apply): `ResolvedEnvironment.production`. */
  readonly productionEnvironments: readonly string[];
  /** Every environment of the platform, so a waiver naming another one is an error. @default - the environments of the apps checked */
  readonly environments?: readonly string[];
  /** Waivers declared outside app definitions (a cdk8s plugin's properties). @default - none */
  readonly waivers?: readonly DeclaredWaiver[];
  /** How findings name an object's place in the construct tree. @default - `<environment>/<app>/<kind>/<name>` */
  readonly constructPath?: (app: CheckedApp['app'], object: Manifest) => string;
  /**
   * Where the schema's and the pack's object rules' results of an app's objects are kept between
   * runs (the render cache), so an app rendered from the cache is not validated again. Rules not in
   * GOLDEN_PATH_PACK always run. @default - everything is checked
   */
  readonly memo?: ObjectResultsMemo;
  /** Where PromQL parsed by earlier runs is kept (a synth checks an environment per run). @default - a parser for this run */
  readonly promql?: PromqlParser;
}

interface Owned {
  readonly app: CheckedApp['app'];
  /** What object rules know of the object's owner. */
  readonly context: RuleContext;
  /** Position in the run, so findings sort by object as they were synthesized. */
  readonly order: number;
  /** The app's stored results (none when its summary answered), and the object's index in the app. */
  readonly results?: AppResults;
  readonly index: number;
}

interface RawFinding {
  readonly info: RuleInfo;
  readonly ruleOrder: number;
  readonly object: Manifest;
  readonly owner: Owned;
  readonly violation: Violation;
}

/**
 * Validates every object of every app against its schema, runs the policy pack over the final
 * objects (one pass per object for object rules, one indexed pass per environment for the rest),
 * then applies the apps' waivers. Invalid waivers throw a ValidationError; everything else is in
 * the report, whose `passed` says whether anything may be written.
 */
export function runChecks(apps: readonly CheckedApp[], options: RunChecksOptions): CheckReport {
  const rules = options.rules ?? GOLDEN_PATH_PACK;
  const validateSchema = options.schema ?? true;
  const production = new Set(options.productionEnvironments);
  const environments = unique(apps.map((a) => a.app.environment));
  // Without rules (schema validation alone) there is nothing to waive.
  const waivers = rules.length > 0 ? collectWaivers(apps, options, rules) : [];
  const pathOf = options.constructPath ?? defaultConstructPath;
  const schemas = KubernetesSchemas.shared();

  // What the rules read from the objects, remembered for this run only: no object changes while it lasts.
  const pods = new PodTemplates();
  const promql = options.promql ?? new PromqlParser();
  const { memo } = options;
  // Only the pack's rules: the render cache's key covers its code, not the code of a caller's rules.
  const memoized = new Set<Rule>(GOLDEN_PATH_PACK);
  const coverage = new SummaryCoverage(validateSchema, memoizedOrders(rules, memoized));
  // The objects of apps whose findings came from their summary still go to the rules that are not memoized and to the environment rules.
  const allValid = rules.some((rule) => rule.scope === 'environment' || !memoized.has(rule));
  const results: AppResults[] = [];

  const raw: RawFinding[] = [];
  let order = 0;
  let objectCount = 0;
  for (const environment of environments) {
    const context: RuleContext = { environment, production: production.has(environment), pods, promql };
    const valid: Manifest[] = [];
    // The owner of valid[i], so the object rules' loop below does no map lookup per rule and object.
    const validOwners: Owned[] = [];
    // Where in `valid` the objects are that the memoized rules still check: those of apps no summary answered for.
    const unsummarized: number[] = [];
    for (const checked of apps.filter((a) => a.app.environment === environment)) {
      const { namespace, platform } = checked.app;
      const ownerContext: RuleContext = { ...context, owner: { platform: platform ?? false, ...(namespace !== undefined ? { namespace } : {}) } };
      const rulesContext = objectRulesContext(environment, context.production, platform ?? false, namespace);
      const { manifests } = checked;
      const summary = checked.results ? undefined : memo?.summaryOf?.(manifests);
      if (summary && coverage.covers(summary, manifests.length, rulesContext)) {
        // Every result this run reads of the app is in its summary: only what found something is read, and no object is checked.
        const first = order;
        order += manifests.length;
        objectCount += manifests.length;
        const ownerAt = (index: number): Owned => ({ app: checked.app, context: ownerContext, order: first + index, index });
        const invalid = summarizedFindings(summary, validateSchema, coverage, rules, (index, info, ruleOrder, violation) =>
          raw.push({ info, ruleOrder, object: manifests[index], owner: ownerAt(index), violation }),
        );
        if (allValid)
          manifests.forEach((object, index) => {
            if (invalid.has(index)) return;
            valid.push(object);
            validOwners.push(ownerAt(index));
          });
        continue;
      }
      const appMemo = checked.results ? givenResults(checked.results, memo) : memo;
      const stored = appMemo && new AppResults(appMemo, manifests, rulesContext);
      if (stored) results.push(stored);
      manifests.forEach((object, index) => {
        const owner = { app: checked.app, context: ownerContext, order: order++, results: stored, index };
        objectCount++;
        const validate = () => schemas.validate(object);
        const problems = !validateSchema ? [] : stored ? stored.schemaOf(index, validate) : validate();
        for (const problem of problems) raw.push({ info: SCHEMA_CHECK, ruleOrder: -1, object, owner, violation: problem });
        if (problems.length === 0) {
          unsummarized.push(valid.length);
          valid.push(object);
          validOwners.push(owner);
        }
      });
    }
    // Every object rule meets every valid object (some 40 x 20,000 calls at 1,000 apps): the loop allocates nothing unless there is a finding.
    rules.forEach((rule, ruleOrder) => {
      if (rule.scope !== 'object') return;
      const memoize = memoized.has(rule);
      const check = (i: number) => {
        const object = valid[i];
        const owner = validOwners[i];
        const violations =
          memoize && owner.results
            ? owner.results.ruleOf(rule.id, owner.index, () => checkObject(rule, object, owner.context))
            : checkObject(rule, object, owner.context);
        for (let v = 0; v < violations.length; v++) raw.push({ info: rule, ruleOrder, object, owner, violation: violations[v] });
      };
      if (memoize) for (let u = 0; u < unsummarized.length; u++) check(unsummarized[u]);
      else for (let i = 0; i < valid.length; i++) check(i);
    });
    if (!rules.some((rule) => rule.scope === 'environment')) continue;
    const index = new EnvironmentObjects(valid, pods);
    rules.forEach((rule, ruleOrder) => {
      if (rule.scope === 'environment') {
        for (const violation of guard(rule, undefined, () => rule.check(index, context))) {
          const at = index.indexOf(violation.object);
          if (at === undefined) throw new Error(`bug: rule ${rule.id} reported an object that is not in environment ${environment}`);
          raw.push({ info: rule, ruleOrder, object: violation.object, owner: validOwners[at], violation });
        }
      }
    });
  }

  for (const app of results) app.finish();

  raw.sort((a, b) => a.owner.order - b.owner.order || a.ruleOrder - b.ruleOrder);
  const uses = new Map<DeclaredWaiver, number>();
  const live = waivers.filter((w) => !isExpired(w.waiver, options.now));
  const findings = raw.map((r) => toFinding(r, pathOf, live, uses));
  const waiverReports = waivers.map((w) => reportWaiver(w, options.now, uses.get(w) ?? 0, environments));

  const open = findings.filter((f) => !f.waivedBy);
  const summary = {
    environments: environments.length,
    sources: unique(apps.map((a) => a.app.source)).length,
    objects: objectCount,
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    waived: findings.length - open.length,
    expiredWaivers: waiverReports.filter((w) => w.status === 'expired').length,
    unusedWaivers: waiverReports.filter((w) => w.status === 'unused').length,
  };
  return {
    kubernetesVersion: schemas.kubernetesVersion,
    date: utcDay(options.now),
    environments,
    rules: rules.map((r) => r.id),
    passed: summary.errors === 0 && summary.expiredWaivers === 0,
    summary,
    findings,
    waivers: waiverReports,
  };
}

/** `prod/checkout/Deployment/checkout`: where an object sits, when the construct path is not recorded. */
export function defaultConstructPath(app: CheckedApp['app'], object: Manifest): string {
  return `${app.environment}/${app.name}/${object.kind}/${object.metadata.name}`;
}

/** Every waiver once (an app appears once per environment), checked; a bad one throws with all problems. */
function collectWaivers(apps: readonly CheckedApp[], options: RunChecksOptions, rules: readonly Rule[]): DeclaredWaiver[] {
  const declared: DeclaredWaiver[] = [];
  const seen = new Set<string>();
  for (const { app, manifests } of apps) {
    if (seen.has(app.source) || !app.waivers) continue;
    seen.add(app.source);
    // Hardened by its definition, or by the data-class label on its objects (what a rendered tree shows).
    const hardened = app.hardening !== undefined || manifests.some((m) => dataClassOf(m) !== undefined);
    app.waivers.forEach((waiver, index) =>
      declared.push({ waiver, declaredIn: app.source, index, source: app.source, app: app.name, ...(hardened ? { hardened } : {}) }),
    );
  }
  declared.push(...(options.waivers ?? []));
  const problems = new Problems();
  const vocabulary = {
    rules: new Set(rules.map((r) => r.id)),
    environments: new Set(options.environments ?? apps.map((a) => a.app.environment)),
    now: options.now,
  };
  for (const d of declared) checkWaiver(d, vocabulary, problems);
  problems.throwIfAny();
  return declared;
}

function toFinding(
  raw: RawFinding,
  pathOf: NonNullable<RunChecksOptions['constructPath']>,
  waivers: readonly DeclaredWaiver[],
  uses: Map<DeclaredWaiver, number>,
): Finding {
  const { info, object, owner, violation } = raw;
  const { app } = owner;
  const base = {
    rule: info.id,
    severity: info.severity,
    message: violation.message ?? info.finding,
    why: info.why,
    fix: info.fix,
    environment: app.environment,
    app: app.name,
    ...(app.team !== undefined ? { team: app.team } : {}),
    source: app.source,
    object: {
      apiVersion: object.apiVersion,
      kind: object.kind,
      ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
      name: object.metadata.name,
    },
    constructPath: pathOf(app, object),
    ...(violation.field !== undefined ? { field: violation.field } : {}),
  };
  if (info === SCHEMA_CHECK) return base;
  const target = { rule: info.id, environment: app.environment, app: app.name, source: app.source, kind: object.kind, name: object.metadata.name };
  const waiver = waivers.find((w) => waiverCovers(w, target));
  if (!waiver) return base;
  uses.set(waiver, (uses.get(waiver) ?? 0) + 1);
  const { declaredIn, index } = waiver;
  const { owner: by, expires, reason } = waiver.waiver;
  return { ...base, waivedBy: { declaredIn, index, owner: by, expires, reason } };
}

function reportWaiver(declared: DeclaredWaiver, now: Date, findings: number, checked: readonly string[]): WaiverReport {
  const { waiver } = declared;
  const status = isExpired(waiver, now)
    ? 'expired'
    : findings > 0
      ? 'used'
      : waiver.environment === undefined || checked.includes(waiver.environment)
        ? 'unused'
        : 'not-checked';
  return { ...waiver, declaredIn: declared.declaredIn, index: declared.index, ...(declared.app !== undefined ? { app: declared.app } : {}), status, findings };
}

/** A rule that throws is a bug in the rule; say which rule and which object so it can be fixed. */
function guard<T>(rule: Rule, object: Manifest | undefined, run: () => readonly T[]): readonly T[] {
  try {
    return run();
  } catch (error) {
    throw ruleFailed(rule, object, error);
  }
}

/** `guard` for one object rule on one object, without a closure per call. */
function checkObject(rule: ObjectRule, object: Manifest, context: RuleContext): readonly Violation[] {
  try {
    return rule.check(object, context);
  } catch (error) {
    throw ruleFailed(rule, object, error);
  }
}

function ruleFailed(rule: Rule, object: Manifest | undefined, error: unknown): Error {
  const where = object ? ` on ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}` : '';
  return new Error(`bug: policy rule '${rule.id}' failed${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Gives `found` each finding of the schema (when validated) and of the run's memoized object rules
 * in an app's summary, which holds every result the run needs (`SummaryCoverage.covers`); returns
 * the objects found invalid, which the rules skip as in a run that validates them.
 */
function summarizedFindings(
  summary: ResultsSummary,
  validateSchema: boolean,
  coverage: SummaryCoverage,
  rules: readonly Rule[],
  found: (index: number, info: RuleInfo, ruleOrder: number, violation: Violation) => void,
): Set<number> {
  const invalid = new Set<number>();
  for (const [index, rule, violations] of summary.found) {
    if (rule !== null || !validateSchema) continue;
    invalid.add(index);
    for (const violation of violations) found(index, SCHEMA_CHECK, -1, violation);
  }
  for (const [index, rule, violations] of summary.found) {
    const orders = rule === null || invalid.has(index) ? undefined : coverage.orders.get(rule);
    for (const ruleOrder of orders ?? []) for (const violation of violations) found(index, rules[ruleOrder], ruleOrder, violation);
  }
  return invalid;
}

/** Where each memoized object rule of `rules` runs in them, by id (an id twice runs twice). */
function memoizedOrders(rules: readonly Rule[], memoized: ReadonlySet<Rule>): Map<string, number[]> {
  const orders = new Map<string, number[]>();
  rules.forEach((rule, order) => {
    if (rule.scope !== 'object' || !memoized.has(rule)) return;
    const list = orders.get(rule.id);
    if (list) list.push(order);
    else orders.set(rule.id, [order]);
  });
  return orders;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
