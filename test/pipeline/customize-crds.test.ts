import { ValidationError } from '../../lib/internal/errors';
import { Replicas } from '../../lib/model/replicas';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { render } from '../../lib/pipeline/synthesize';
import { Worker } from '../../lib/stacks/worker';
import * as crds from '../../lib/api/crds';
import { expectError, find, sourced, testEnvironment, workerDef } from '../helpers';

const PROD = testEnvironment({ name: 'prod' });
const NOW = new Date('2026-06-01T00:00:00Z');

/** A queue worker scaled by KEDA on the length of its queue: the CRD class from the app-team entry point, added by customize. */
function kedaWorker(target: string) {
  return workerDef({
    name: 'mailer',
    replicas: Replicas.fixed(2),
    customize: (stack: Worker) =>
      void new crds.ScaledObject(stack, 'scaler', {
        metadata: { name: 'mailer' },
        spec: {
          scaleTargetRef: { name: target },
          minReplicaCount: 2,
          maxReplicaCount: 20,
          triggers: [{ type: 'rabbitmq', metadata: { queueName: 'mail', mode: 'QueueLength', value: '50' } }],
        },
      }),
  });
}

describe('CRD classes an app can add in customize', () => {
  test('a KEDA ScaledObject lands in the app namespace, passes schema and policy, and is marked as an escape hatch', () => {
    const { rendered } = render({ apps: [sourced(kedaWorker('mailer'))], environments: [PROD], checks: defaultChecks({ now: NOW }) });
    const scaler = find(rendered[0].manifests, 'ScaledObject', 'mailer');
    expect(scaler.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaler.metadata.namespace).toBe('shop');
    expect(scaler.spec.scaleTargetRef).toEqual({ name: 'mailer' });
    expect(scaler.metadata.annotations['platform.golden-path.dev/escape-hatch']).toBe('added by customize');
    expect(rendered[0].customization!.objects).toContainEqual({ id: 'ScaledObject shop/mailer', change: 'added', fields: [] });
  });

  test('a ScaledObject that breaks the CRD schema fails synth, naming the object and the field', () => {
    const def = workerDef({
      name: 'mailer',
      customize: (stack: Worker) =>
        void new crds.ScaledObject(stack, 'scaler', {
          metadata: { name: 'mailer' },
          spec: { scaleTargetRef: { name: 'mailer' }, triggers: [], pollingInterval: 'often' as unknown as number },
        }),
    });
    const error = expectError<ValidationError>(() => render({ apps: [sourced(def)], environments: [PROD], checks: defaultChecks({ now: NOW }) }));
    expect(error.message).toContain('ScaledObject shop/mailer');
    expect(error.message).toContain('pollingInterval');
  });
});

describe('a cluster-scoped extra object', () => {
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'mailer-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'mailer', namespace: 'shop' }],
  };

  test('gets no namespace, and fails synth as cluster-scoped, named as the API names it', () => {
    const def = workerDef({ name: 'mailer', replicas: Replicas.fixed(2), objects: [binding] });
    const error = expectError<ValidationError>(() => render({ apps: [sourced(def)], environments: [PROD], checks: defaultChecks({ now: NOW }) }));
    expect(error.message).toContain('no-cluster-scoped-objects');
    expect(error.message).toContain('ClusterRoleBinding mailer-admin');
    expect(error.message).not.toContain('ClusterRoleBinding shop/mailer-admin');
  });
});
