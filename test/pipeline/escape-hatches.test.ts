import { ApiObject, JsonPatch } from 'cdk8s';
import { ValidationError } from '../../lib/internal/errors';
import { AppDefinition } from '../../lib/model/app-definition';
import { CustomizeContext } from '../../lib/model/customize';
import { Replicas } from '../../lib/model/replicas';
import { CheckFailedError } from '../../lib/policy/check-failed-error';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { render } from '../../lib/pipeline/synthesize';
import { ScheduledTask } from '../../lib/stacks/scheduled-task';
import { WebService } from '../../lib/stacks/web-service';
import { Worker } from '../../lib/stacks/worker';
import { expectError, find, sourced, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

const DEV = testEnvironment({ name: 'dev' });
const PROD = testEnvironment({ name: 'prod' });
const NOW = new Date('2026-06-01T00:00:00Z');
/** Production needs two pods; the policy tests are about other rules. */
const TWO = Replicas.fixed(2);

function rendered(definition: AppDefinition, env = PROD) {
  const all = renderFleet({ apps: [sourced(definition)], environments: [DEV, PROD] });
  return all.find((r) => r.app.environment === env.name)!;
}

const ESCAPE_HATCH = 'platform.golden-path.dev/escape-hatch';

describe('customize', () => {
  test('reaches the Deployment of a web service', () => {
    const def = webDef({
      name: 'web',
      customize: (stack: WebService) => stack.deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { 'linkerd.io/inject': 'enabled' })),
    });
    const { manifests, customization } = rendered(def);
    const deployment = find(manifests, 'Deployment', 'web');
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(deployment.metadata.annotations[ESCAPE_HATCH]).toBe('customize changed 1 field: spec.template.metadata.annotations.linkerd.io/inject');
    expect(customization).toEqual({
      distance: 1,
      objects: [{ id: 'Deployment shop/web', change: 'changed', fields: ['spec.template.metadata.annotations.linkerd.io/inject'] }],
    });
  });

  test('reaches the Deployment of a worker (a toleration)', () => {
    const toleration = { key: 'dedicated', operator: 'Equal', value: 'queue', effect: 'NoSchedule' };
    const def = workerDef({
      name: 'mailer',
      customize: (stack: Worker) => stack.deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/tolerations', [toleration])),
    });
    expect(find(rendered(def).manifests, 'Deployment', 'mailer').spec.template.spec.tolerations).toEqual([toleration]);
    expect(rendered(def).customization!.distance).toBe(4);
  });

  test('reaches the CronJob of a scheduled task', () => {
    const def = taskDef({
      name: 'report',
      customize: (stack: ScheduledTask) => stack.cronJob.addJsonPatch(JsonPatch.replace('/spec/jobTemplate/spec/backoffLimit', 0)),
    });
    expect(find(rendered(def).manifests, 'CronJob', 'report').spec.jobTemplate.spec.backoffLimit).toBe(0);
    expect(rendered(def).customization!.objects).toEqual([{ id: 'CronJob shop/report', change: 'changed', fields: ['spec.jobTemplate.spec.backoffLimit'] }]);
  });

  test('can add a construct to the stack, marked as added by customize', () => {
    const def = webDef({
      name: 'web',
      customize: (stack: WebService) =>
        void new ApiObject(stack, 'extra-cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-extra' }, data: { a: 'b' } }),
    });
    const cm = find(rendered(def).manifests, 'ConfigMap', 'web-extra');
    expect(cm.metadata.namespace).toBe('shop');
    expect(cm.metadata.annotations[ESCAPE_HATCH]).toBe('added by customize');
    expect(rendered(def).customization!.objects).toEqual([{ id: 'ConfigMap shop/web-extra', change: 'added', fields: [] }]);
  });

  test('applies a patch in one environment only, told by the context', () => {
    const seen: Omit<CustomizeContext, 'app'>[] = [];
    const def = webDef({
      name: 'web',
      customize: (stack: WebService, ctx: CustomizeContext) => {
        seen.push({ environment: ctx.environment, production: ctx.production });
        if (ctx.production) stack.deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'business-critical'));
      },
    });
    expect(find(rendered(def, PROD).manifests, 'Deployment', 'web').spec.template.spec.priorityClassName).toBe('business-critical');
    const dev = rendered(def, DEV);
    expect(find(dev.manifests, 'Deployment', 'web').spec.template.spec.priorityClassName).toBeUndefined();
    expect(find(dev.manifests, 'Deployment', 'web').metadata.annotations[ESCAPE_HATCH]).toBeUndefined();
    expect(dev.customization).toEqual({ distance: 0, objects: [] });
    expect(seen).toEqual([
      { environment: 'dev', production: false },
      { environment: 'prod', production: true },
      { environment: 'dev', production: false },
      { environment: 'prod', production: true },
    ]);
  });

  test('leaves apps without an escape hatch unmarked and unmeasured', () => {
    const r = rendered(webDef({ name: 'web' }));
    expect(r.customization).toBeUndefined();
    expect(r.manifests.some((m) => JSON.stringify(m).includes(ESCAPE_HATCH))).toBe(false);
  });

  test('fails with the app and environment when a patch names a path that does not exist', () => {
    const def = webDef({
      name: 'web',
      customize: (stack: WebService) => stack.deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/affinity/nodeAffinity', {})),
    });
    const error = expectError<ValidationError>(() => renderFleet({ apps: [sourced(def)], environments: [PROD] }));
    expect(error.code).toBe('E_CUSTOMIZE');
    expect(error.message).toMatch(/^apps\/shop\/web\.ts: app 'web': environment 'prod': 'customize' failed: .+\. Fix: correct the escape hatch/);
  });

  test('fails with the app and environment when the customize function throws', () => {
    const def = webDef({
      name: 'web',
      customize: () => {
        throw new Error('no mesh here');
      },
    });
    const error = expectError<ValidationError>(() => renderFleet({ apps: [sourced(def)], environments: [DEV, PROD] }));
    expect(error.problems.map((p) => [p.code, p.environment, p.message])).toEqual([['E_CUSTOMIZE', 'dev, prod', 'failed: no mesh here']]);
  });
});

describe('extra objects', () => {
  const serviceEntry = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'legacy-billing' },
    spec: { type: 'ExternalName', externalName: 'billing.legacy.internal' },
  };

  test('adds plain objects with the namespace, labels and source of the app, their own winning', () => {
    const def = webDef({ name: 'web', objects: [{ ...serviceEntry, metadata: { ...serviceEntry.metadata, labels: { team: 'billing' } } }] });
    const { manifests, customization } = rendered(def);
    const service = find(manifests, 'Service', 'legacy-billing');
    expect(service.metadata.namespace).toBe('shop');
    expect(service.metadata.labels['app.kubernetes.io/name']).toBe('web');
    expect(service.metadata.labels.team).toBe('billing');
    expect(service.metadata.annotations).toEqual({ [ESCAPE_HATCH]: 'extra object (objects)', 'platform.golden-path.dev/source': 'apps/shop/web.ts' });
    expect(service.spec).toEqual({ type: 'ExternalName', externalName: 'billing.legacy.internal' });
    expect(customization).toEqual({ distance: 1, objects: [{ id: 'Service shop/legacy-billing', change: 'extra', fields: [] }] });
  });

  test('may differ per environment (a function of the context)', () => {
    const def = webDef({ name: 'web', objects: ({ production }: CustomizeContext) => (production ? [serviceEntry] : []) });
    expect(
      rendered(def, PROD)
        .manifests.filter((m) => m.kind === 'Service')
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(['legacy-billing', 'web']);
    expect(
      rendered(def, DEV)
        .manifests.filter((m) => m.kind === 'Service')
        .map((m) => m.metadata.name),
    ).toEqual(['web']);
  });

  test('pass the schema and policy checks when valid', () => {
    const def = webDef({ name: 'web', replicas: TWO, objects: [serviceEntry] });
    expect(() => render({ apps: [sourced(def)], environments: [PROD], checks: defaultChecks({ now: NOW }) })).not.toThrow();
  });

  test('fail the schema check when their kind has no schema, naming the app, environment and object', () => {
    const istio = {
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'ServiceEntry',
      metadata: { name: 'billing' },
      spec: { hosts: ['billing.legacy.internal'] },
    };
    const error = expectError<CheckFailedError>(() =>
      render({ apps: [sourced(webDef({ name: 'web', objects: [istio] }))], environments: [PROD], checks: defaultChecks({ now: NOW }) }),
    );
    expect(error.message).toContain('prod: apps/shop/web.ts: ServiceEntry shop/billing: [schema] no schema for networking.istio.io/v1beta1 ServiceEntry');
  });
});

describe('policy over escape hatches', () => {
  const privileged = (stack: WebService) =>
    stack.deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true));
  const waiver = { rule: 'pss-privileged', reason: 'the node agent must load a kernel module on start', owner: 'team-shop', expires: '2026-12-31' };

  test('a customization that breaks a rule fails synth with the rule, app, environment and object', () => {
    const def = webDef({ name: 'web', replicas: TWO, customize: privileged });
    const error = expectError<CheckFailedError>(() => render({ apps: [sourced(def)], environments: [PROD], checks: defaultChecks({ now: NOW }) }));
    expect(error.message).toContain('prod: apps/shop/web.ts: Deployment shop/web: [pss-privileged]');
    expect(error.message).toContain(
      "To accept a finding deliberately, waive it in the app's definition (apps/shop/web.ts): waivers: [{ rule: 'pss-privileged', environment: 'prod', object: { kind: 'Deployment', name: 'web' }, reason: '<why, in a sentence>', owner: '<team>', expires: 'YYYY-MM-DD' }]",
    );
  });

  test('the same customization passes with a waiver', () => {
    const def = webDef({ name: 'web', replicas: TWO, customize: privileged, waivers: [waiver] });
    const { rendered: out } = render({ apps: [sourced(def)], environments: [PROD], checks: defaultChecks({ now: NOW }) });
    expect(find(out[0].manifests, 'Deployment', 'web').spec.template.spec.containers[0].securityContext.privileged).toBe(true);
  });
});
