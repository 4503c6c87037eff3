import { readOnlyRootFilesystem } from '../../../../lib/policy/rules/read-only-root-filesystem';
import { secretInConfigMap } from '../../../../lib/policy/rules/secret-in-config-map';
import { secretInEnv } from '../../../../lib/policy/rules/secret-in-env';
import { serviceAccountToken } from '../../../../lib/policy/rules/service-account-token';
import { Secret } from '../../../../lib/model/secret';
import { webDef } from '../../../helpers';
import { container, edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

export const HARDENING_CASES: readonly RuleCase[] = [
  {
    rule: readOnlyRootFilesystem,
    compliant: () => golden(),
    violating: () => golden(webDef({ security: { writableRootFilesystem: true } })),
    message: "container 'checkout' has a writable root filesystem",
  },
  {
    rule: serviceAccountToken,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => delete d.spec.template.spec.automountServiceAccountToken),
    message: 'the pod does not set automountServiceAccountToken: false',
    field: 'spec.template.spec.automountServiceAccountToken',
  },
  {
    rule: secretInEnv,
    compliant: () =>
      golden(
        webDef({ env: { DB_PASSWORD_FILE: '/var/run/secrets/db/password', QUEUE_NAME: 'orders' }, secrets: { DB_PASSWORD: Secret.ref('shop/checkout/db') } }),
      ),
    // Resolution rejects such a literal in a definition (E_SECRET_LITERAL); the rule catches it on the final objects, e.g. from an escape hatch.
    violating: () => edit(golden(), 'Deployment', (d) => container(d).env.push({ name: 'DB_PASSWORD', value: 'hunter2-correct-horse' })),
    message: "env var 'DB_PASSWORD' of container 'checkout'",
  },
  {
    rule: secretInConfigMap,
    compliant: () =>
      golden(webDef({ config: { ORDER_TIMEOUT: '10s', PAYMENT_URL: 'http://payments:8080' }, configFiles: { 'checkout.yaml': 'timeout: 10s\n' } })),
    violating: () =>
      edit(golden(webDef({ config: { ORDER_TIMEOUT: '10s' } })), 'ConfigMap', (c) => (c.data.DATABASE_URL = 'postgres://app:s3cr3t@db:5432/orders')),
    message: "key 'DATABASE_URL': its value looks like a URL with a password in it",
    field: 'data.DATABASE_URL',
  },
];
