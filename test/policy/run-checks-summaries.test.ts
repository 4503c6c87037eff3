import { Manifest } from '../../lib/manifest/manifest';
import { ObjectResults, ObjectResultsMemo, ResultsSummary, summarize } from '../../lib/policy/object-results';
import { GOLDEN_PATH_PACK } from '../../lib/policy/pack';
import { CheckReport } from '../../lib/policy/report';
import { ObjectRule } from '../../lib/policy/rule';
import { CheckedApp, runChecks, RunChecksOptions } from '../../lib/policy/run-checks';
import { KubernetesSchemas } from '../../lib/policy/schema/kubernetes-schemas';
import { taskDef, webDef, workerDef } from '../helpers';
import { checked, container, DEV, edit, golden, NOW, PROD, waiver } from './policy-helpers';

/** A memo as the render cache keeps one: results by manifests, and a summary beside each once stored. */
class StoringMemo implements ObjectResultsMemo {
  readonly results = new Map<readonly Manifest[], ObjectResults>();
  readonly summaries = new Map<readonly Manifest[], ResultsSummary>();
  /** The apps whose results a run read. */
  readonly read: (readonly Manifest[])[] = [];

  resultsOf(manifests: readonly Manifest[]): ObjectResults | undefined {
    this.read.push(manifests);
    return this.results.get(manifests);
  }

  remember(manifests: readonly Manifest[], results: ObjectResults): void {
    this.results.set(manifests, results);
    this.summaries.delete(manifests);
  }

  summaryOf(manifests: readonly Manifest[]): ResultsSummary | undefined {
    return this.summaries.get(manifests);
  }

  /** What a synth that succeeded leaves: every app's results, each with its summary. */
  store(): void {
    for (const [manifests, results] of this.results) this.summaries.set(manifests, summarize(results, manifests.length));
    this.read.length = 0;
  }
}

const OBJECT_RULES = GOLDEN_PATH_PACK.filter((r): r is ObjectRule => r.scope === 'object');
const SCHEMA_ONLY = { rules: [], schema: true, productionEnvironments: [] };
const POLICY = { schema: false, productionEnvironments: ['prod'], environments: ['prod', 'dev'] };

/**
 * Two environments: checkout runs privileged (an error) with a writable root filesystem (a warning),
 * both waived in prod only; mailer's warning is open; report is clean and waives something unused.
 */
function fleet(): CheckedApp[] {
  return [PROD, DEV].flatMap((env) => [
    checked(
      edit(golden(webDef({ security: { writableRootFilesystem: true } }), env), 'Deployment', (d) => (container(d).securityContext.privileged = true)),
      {
        environment: env.name,
        waivers: [waiver('pss-privileged', { environment: 'prod' }), waiver('read-only-root-filesystem', { environment: 'prod' })],
      },
    ),
    checked(golden(workerDef({ healthPort: 8081, security: { writableRootFilesystem: true } }), env), { environment: env.name, name: 'mailer' }),
    checked(golden(taskDef(), env), { environment: env.name, name: 'report', waivers: [waiver('memory-limit')] }),
  ]);
}

const run = (apps: readonly CheckedApp[], options: Partial<RunChecksOptions>, memo?: ObjectResultsMemo): CheckReport =>
  runChecks(apps, { now: NOW, productionEnvironments: [], ...options, ...(memo ? { memo } : {}) });

/** Every object rule of the pack and the schema validator, spied on: what a run checked object by object. */
function spyOnChecks() {
  const rules = new Map(OBJECT_RULES.map((rule) => [rule.id, jest.spyOn(rule, 'check')]));
  const schema = jest.spyOn(KubernetesSchemas.shared(), 'validate');
  return { rules, schema, calls: () => [...rules.values()].reduce((n, spy) => n + spy.mock.calls.length, 0) };
}

afterEach(() => jest.restoreAllMocks());

describe('runChecks with stored summaries', () => {
  test('apps whose summaries cover the run: the report of a run without a memo, waived errors and warnings and the unused waiver included, with no results read and no object checked', () => {
    const apps = fleet();
    const memo = new StoringMemo();
    // As a synth checks: the schema, then the policy, each storing what it found; then the summaries are stored.
    run(apps, SCHEMA_ONLY, memo);
    run(apps, POLICY, memo);
    memo.store();
    const schemaAlone = run(apps, SCHEMA_ONLY);
    const policyAlone = run(apps, POLICY);
    const spies = spyOnChecks();
    const schema = run(apps, SCHEMA_ONLY, memo);
    const policy = run(apps, POLICY, memo);
    expect(JSON.stringify(schema)).toBe(JSON.stringify(schemaAlone));
    expect(JSON.stringify(policy)).toBe(JSON.stringify(policyAlone));
    expect(memo.read).toEqual([]);
    expect(spies.calls()).toBe(0);
    expect(spies.schema).not.toHaveBeenCalled();
    // What the reports compared hold: both waived findings in prod, open in dev, mailer's warning in both, report's waiver unused.
    expect(policy.findings.map((f) => `${f.environment} ${f.app} ${f.rule}${f.waivedBy ? ' waived' : ''}`)).toEqual([
      'prod checkout pss-privileged waived',
      'prod checkout read-only-root-filesystem waived',
      'prod mailer read-only-root-filesystem',
      'dev checkout pss-privileged',
      'dev checkout read-only-root-filesystem',
      'dev mailer read-only-root-filesystem',
    ]);
    expect(policy.summary).toEqual({
      environments: 2,
      sources: 3,
      objects: schemaAlone.summary.objects,
      errors: 1,
      warnings: 3,
      waived: 2,
      expiredWaivers: 0,
      unusedWaivers: 1,
    });
    expect(policy.waivers.map((w) => [w.rule, w.status, w.findings])).toEqual([
      ['pss-privileged', 'used', 1],
      ['read-only-root-filesystem', 'used', 1],
      ['memory-limit', 'unused', 0],
    ]);
  });

  test('an app whose summary lacks a rule (added since it was stored): its results are read, the rule alone runs on its objects, and what it found is remembered', () => {
    const apps = fleet();
    const memo = new StoringMemo();
    run(apps, POLICY, memo);
    const [checkout] = apps;
    const stored = memo.results.get(checkout.manifests)!;
    const { 'read-only-root-filesystem': _added, ...before } = stored.rules!.byRule;
    memo.results.set(checkout.manifests, { rules: { context: stored.rules!.context, byRule: before } });
    memo.store();
    const alone = run(apps, POLICY);
    const spies = spyOnChecks();
    const policy = run(apps, POLICY, memo);
    expect(JSON.stringify(policy)).toBe(JSON.stringify(alone));
    expect(memo.read).toEqual([checkout.manifests]);
    expect(spies.rules.get('read-only-root-filesystem')!.mock.calls.map(([object]) => object)).toEqual(checkout.manifests);
    expect(spies.calls()).toBe(checkout.manifests.length);
    expect(memo.results.get(checkout.manifests)!.rules!.byRule['read-only-root-filesystem']).toEqual(stored.rules!.byRule['read-only-root-filesystem']);
  });

  test('an object the summary found invalid is left out of the rules, and its findings of the rules too, as in a run that validates it', () => {
    const broken = edit(golden(), 'Deployment', (d) => (container(d).securityContext.privilegd = true));
    const apps = [checked(broken), checked(golden(webDef({ name: 'web', security: { writableRootFilesystem: true } })), { name: 'web' })];
    const memo = new StoringMemo();
    // Stored by a synth's two runs: the rules saw the invalid object too.
    run(apps, SCHEMA_ONLY, memo);
    run(apps, POLICY, memo);
    memo.store();
    // Plant a finding of a rule on the invalid Deployment: a run that validates never reports it.
    const index = broken.findIndex((m) => m.kind === 'Deployment');
    const summary = memo.summaries.get(broken)!;
    memo.summaries.set(broken, { ...summary, found: [...summary.found, [index, 'pss-privileged', [{ message: 'never reported' }]]] });
    const alone = run(apps, { productionEnvironments: ['prod'] });
    const spies = spyOnChecks();
    const both = run(apps, { productionEnvironments: ['prod'] }, memo);
    expect(JSON.stringify(both)).toBe(JSON.stringify(alone));
    // Nor do the environment rules see it: the Service, policy and autoscaler of checkout find no Deployment.
    expect(both.findings.map((f) => `${f.app} ${f.object.kind} ${f.rule}`)).toEqual([
      'checkout NetworkPolicy network-policy-selects-nothing',
      'checkout Deployment schema',
      'checkout HorizontalPodAutoscaler hpa-target-exists',
      'checkout Service service-selects-pods',
      'web Deployment read-only-root-filesystem',
    ]);
    expect(memo.read).toEqual([]);
    expect(spies.calls() + spies.schema.mock.calls.length).toBe(0);
  });

  test('a summary of another context (the same app, no longer in production) is not used: the rules run again', () => {
    const apps = [checked(golden())];
    const memo = new StoringMemo();
    run(apps, POLICY, memo);
    memo.store();
    const alone = run(apps, { ...POLICY, productionEnvironments: [] });
    const spies = spyOnChecks();
    const dev = run(apps, { ...POLICY, productionEnvironments: [] }, memo);
    expect(JSON.stringify(dev)).toBe(JSON.stringify(alone));
    expect(memo.read).toEqual([apps[0].manifests]);
    expect(spies.calls()).toBe(OBJECT_RULES.length * apps[0].manifests.length);
  });
});
