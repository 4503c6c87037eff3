import { Env, EnvFrom } from '../../lib/model/env-ref';
import { Secret } from '../../lib/model/secret';
import { resolve, webDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

describe('resolveApp: env references', () => {
  test('resolves downward-API fields, resources and keys of existing objects, sorted by name', () => {
    const app = resolve(
      webDef({
        envRefs: {
          POD_NAME: Env.fieldRef('metadata.name'),
          NODE: Env.fieldRef('spec.nodeName'),
          ZONE: Env.fieldRef("metadata.labels['topology.kubernetes.io/zone']"),
          MEMORY_LIMIT: Env.resource('limits.memory'),
          FLAG: Env.configMapKey('shared-flags', 'CHECKOUT_V2'),
          LEGACY_PASSWORD: Env.existingSecret('legacy-creds', 'password'),
        },
      }),
    );
    expect(app.envRefs).toEqual([
      { name: 'FLAG', source: { kind: 'configMapKey', name: 'shared-flags', key: 'CHECKOUT_V2' } },
      { name: 'LEGACY_PASSWORD', source: { kind: 'secretKey', name: 'legacy-creds', key: 'password' } },
      { name: 'MEMORY_LIMIT', source: { kind: 'resource', resource: 'limits.memory' } },
      { name: 'NODE', source: { kind: 'field', fieldPath: 'spec.nodeName' } },
      { name: 'POD_NAME', source: { kind: 'field', fieldPath: 'metadata.name' } },
      { name: 'ZONE', source: { kind: 'field', fieldPath: "metadata.labels['topology.kubernetes.io/zone']" } },
    ]);
    expect(app.settings['envRefs.LEGACY_PASSWORD']).toBe('existing secret legacy-creds key password');
  });

  test('resolves envFrom in declaration order', () => {
    expect(resolve(webDef({ envFrom: [EnvFrom.existingSecret('legacy-creds', { prefix: 'LEGACY_' }), EnvFrom.configMap('shared-flags')] })).envFrom).toEqual([
      { kind: 'secret', name: 'legacy-creds', prefix: 'LEGACY_' },
      { kind: 'configMap', name: 'shared-flags' },
    ]);
  });

  test('fails on a field the downward API does not give an env var', () => {
    expectOnlyProblem(() => resolve(webDef({ envRefs: { IP: Env.fieldRef('status.phase') } })), {
      code: 'E_DOWNWARD_FIELD',
      field: 'envRefs.IP.fieldPath',
      value: 'status.phase',
      message: 'is not a field the downward API gives an env var',
      fix: "Env.fieldRef('metadata.name')",
    });
  });

  test('fails on the Secret the platform syncs for the app: that is what `secrets` is for', () => {
    expectOnlyProblem(() => resolve(webDef({ envRefs: { KEY: Env.existingSecret('checkout-secrets', 'KEY') } })), {
      code: 'E_ENV_REF_OWN',
      field: 'envRefs.KEY.name',
      value: 'checkout-secrets',
      message: 'is the Secret the platform writes for this app',
      fix: "secrets: { NAME: Secret.ref('<path>') }",
    });
  });

  test('fails on a name also set by env or secrets', () => {
    expectOnlyProblem(() => resolve(webDef({ env: { NODE: 'a' }, envRefs: { NODE: Env.fieldRef('spec.nodeName') } })), {
      code: 'E_ENV_CONFLICT',
      field: 'envRefs.NODE',
      value: 'NODE',
      message: 'is also set by env, secrets or a data store',
      fix: 'keep one definition of NODE',
    });
    expectOnlyProblem(() => resolve(webDef({ secrets: { KEY: Secret.ref('shop/key') }, envRefs: { KEY: Env.configMapKey('flags', 'KEY') } })), {
      code: 'E_ENV_CONFLICT',
      field: 'envRefs.KEY',
      value: 'KEY',
      fix: 'keep one definition of KEY',
    });
  });

  test('fails on an object name that is not a Kubernetes name', () => {
    expectOnlyProblem(() => resolve(webDef({ envFrom: [EnvFrom.configMap('Shared_Flags')] })), {
      code: 'E_ENV_REF',
      field: 'envFrom[0].name',
      value: 'Shared_Flags',
      message: 'is not a Kubernetes object name',
      fix: "e.g. 'shared-flags'",
    });
  });

  test('still rejects a literal secret in env: a reference by name is the visible alternative', () => {
    expectOnlyProblem(() => resolve(webDef({ env: { DB_PASSWORD: 'hunter2hunter2' } })), {
      code: 'E_SECRET_LITERAL',
      field: 'env.DB_PASSWORD',
      value: '<redacted: 14 characters>',
      fix: 'rotate it',
    });
  });
});
