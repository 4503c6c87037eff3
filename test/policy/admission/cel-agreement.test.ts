import { Manifest } from '../../../lib/manifest/manifest';
import { PodTemplates } from '../../../lib/manifest/pod-template';
import { PromqlParser } from '../../../lib/monitoring/promql';
import { GOLDEN_PATH_PACK } from '../../../lib/policy/pack';
import { ObjectRule, RuleCel, RuleContext } from '../../../lib/policy/rule';
import { CASES } from '../rules/cases/all-cases';
import { kyvernoException } from '../../../lib/policy/admission/kyverno-exception';
import { waiver } from '../policy-helpers';
import { celAdmits, celOf, exceptionMatches, matchesKind } from './cel-evaluator';

/** The TypeScript rule's verdict on one object: true when it reports nothing. */
function tsAdmits(rule: ObjectRule, object: Manifest, namespace?: string): boolean {
  const context: RuleContext = {
    environment: 'prod',
    production: true,
    pods: new PodTemplates(),
    promql: new PromqlParser(),
    owner: { platform: false, ...(namespace !== undefined ? { namespace } : {}) },
  };
  return rule.check(object, context).length === 0;
}

/** One disagreement, named so a failure says which rule, which object and who said what. */
function disagreement(rule: ObjectRule, cel: RuleCel, object: Manifest, namespace?: string): string | undefined {
  const ts = tsAdmits(rule, object, namespace);
  const label = `${rule.id} on ${object.kind} ${object.metadata.name}`;
  if (!matchesKind(cel, object)) return ts ? undefined : `${label}: the TypeScript rule reports it, but no admission policy of the rule matches its kind`;
  const admitted = celAdmits(cel, object);
  return admitted === ts ? undefined : `${label}: TypeScript ${ts ? 'admits' : 'rejects'} it, CEL ${admitted ? 'admits' : 'rejects'} it`;
}

/** The same pod under every pod-running kind, at the path each kind keeps it: CEL must find the spec in each. */
function asEveryKind(object: Manifest): Manifest[] {
  const pod = new PodTemplates().of(object);
  if (!pod) return [];
  const metadata = { name: object.metadata.name, namespace: object.metadata.namespace };
  const template = { metadata: { labels: pod.labels }, spec: pod.spec };
  const selector = { matchLabels: pod.labels };
  return [
    { apiVersion: 'v1', kind: 'Pod', metadata: { ...metadata, labels: pod.labels }, spec: pod.spec },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { selector, template } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: { selector, serviceName: 'x', template } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector, template } },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec: { selector, template } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { template } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } },
  ] as Manifest[];
}

/** The pod with its containers moved to init containers, and copied to ephemeral containers. */
function withContainersElsewhere(object: Manifest): Manifest[] {
  const out: Manifest[] = [];
  for (const kind of asEveryKind(object).filter((o) => o.kind === 'Pod')) {
    const spec = (kind as unknown as { spec: { containers: unknown[]; initContainers?: unknown[]; ephemeralContainers?: unknown[] } }).spec;
    out.push({ ...kind, spec: { ...spec, initContainers: spec.containers, containers: [{ name: 'plain', image: 'x:1' }] } });
    out.push({ ...kind, spec: { ...spec, ephemeralContainers: spec.containers.map((c) => ({ ...(c as object), name: 'debug' })) } });
  }
  return out;
}

const EXPORTED = CASES.filter((c) => c.rule.scope === 'object' && celOf(c.rule) !== undefined);

test('the rules exported as CEL are the ones listed here', () => {
  expect(EXPORTED.map((c) => c.rule.id).sort()).toEqual([
    'cronjob-deadlines',
    'duplicate-env',
    'ephemeral-storage',
    'gpu-job-limits',
    'gpu-request-equals-limit',
    'hardened-image-digest',
    'hardened-pull-always',
    'health-declared',
    'image-tag-or-digest',
    'liveness-differs-from-readiness',
    'probe-port-declared',
    'pss-apparmor',
    'pss-capabilities',
    'pss-host-namespaces',
    'pss-host-path',
    'pss-host-ports',
    'pss-privilege-escalation',
    'pss-privileged',
    'pss-proc-mount',
    'pss-run-as-non-root',
    'pss-seccomp',
    'pss-sysctls',
    'pss-volume-types',
    'read-only-root-filesystem',
    'resource-requests',
    'service-account-token',
  ]);
});

test('every object rule of the pack either exports CEL or says why it is synth-only', () => {
  const undeclared = GOLDEN_PATH_PACK.filter((r) => r.scope === 'object' && r.admission === undefined).map((r) => r.id);
  expect(undeclared).toEqual([]);
});

describe.each(EXPORTED.map((c) => [c.rule.id, c] as const))('%s: CEL agrees with the TypeScript rule', (_id, c) => {
  const rule = c.rule as ObjectRule;
  const cel = celOf(rule)!;

  test.each([
    ['compliant', c.compliant],
    ['violating', c.violating],
  ] as const)('on every object of the %s case', (_which, objects) => {
    expect(objects().flatMap((o) => disagreement(rule, cel, o, c.namespace) ?? [])).toEqual([]);
  });

  test("under a waiver, the PolicyException lifts the rule from exactly the app's objects it reports", () => {
    const violating = c.violating().filter((o) => matchesKind(cel, o) && !celAdmits(cel, o));
    const namespace = violating[0].metadata.namespace!;
    // The app the case's objects belong to, as its name label says (checkout, mailer, report...).
    const name = (violating[0].metadata.labels as Record<string, string>)['app.kubernetes.io/name'];
    const app = { name, namespace, environment: 'prod', source: `apps/shop/${name}.ts` };
    const exception = kyvernoException('prod', 'kyverno', { app, waiver: waiver(rule.id) }) as unknown as {
      spec: { matchConditions: { expression: string }[] };
    };
    expect(violating.filter((o) => !exceptionMatches(exception.spec, o)).map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([]);
    const otherApp = violating.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { 'app.kubernetes.io/name': 'payments' } } }));
    const otherNamespace = violating.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: 'payments' } }));
    expect([...otherApp, ...otherNamespace].filter((o) => exceptionMatches(exception.spec, o))).toEqual([]);
  });

  test('rejects the violating case (the case is not vacuous)', () => {
    const matched = c.violating().filter((o) => matchesKind(cel, o));
    expect(matched.some((o) => !celAdmits(cel, o))).toBe(true);
  });

  test.each([
    ['compliant', c.compliant],
    ['violating', c.violating],
  ] as const)('on the pod of the %s case under every pod-running kind, in init and ephemeral containers', (_which, objects) => {
    const variants = objects().flatMap((o) => [...asEveryKind(o), ...withContainersElsewhere(o)]);
    expect(variants.flatMap((o) => disagreement(rule, cel, o, c.namespace) ?? [])).toEqual([]);
  });
});
