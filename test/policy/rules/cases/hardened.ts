import { Exposure } from '../../../../lib/model/exposure';
import { Environment } from '../../../../lib/model/environment';
import { hardenedImageDigest } from '../../../../lib/policy/rules/hardened-image-digest';
import { hardenedIngressCallers } from '../../../../lib/policy/rules/hardened-ingress-callers';
import { hardenedPublicExposure } from '../../../../lib/policy/rules/hardened-public-exposure';
import { hardenedPullAlways } from '../../../../lib/policy/rules/hardened-pull-always';
import { hardenedServiceTls } from '../../../../lib/policy/rules/hardened-service-tls';
import { AppDefinition } from '../../../../lib/model/app-definition';
import { webDef } from '../../../helpers';
import { container, edit, golden, PROD } from '../../policy-helpers';
import { RuleCase } from './rule-case';

const DIGEST = 'sha256:4c6f1e0a9b7d2e8f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f';
const HARDENED_PROD: Environment = { ...PROD, hardening: { internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' } } };
const hardenedDef = (overrides: Partial<AppDefinition> = {}): AppDefinition =>
  webDef({ image: `ghcr.io/acme/checkout:1.2.3@${DIGEST}`, metricsPort: 9090, hardened: { dataClass: 'pci' }, ...overrides } as never);
/** shop/checkout on the hardened path, in prod (compliant with the whole pack). */
const hardened = (overrides: Partial<AppDefinition> = {}) => golden(hardenedDef(overrides), HARDENED_PROD);

/** Within 90 days of NOW (2025-06-15): the longest a hardened app's waiver may run. */
const SHORT_WAIVER = { expires: '2025-09-01' };

export const HARDENED_CASES: readonly RuleCase[] = [
  {
    rule: hardenedImageDigest,
    compliant: () => hardened(),
    violating: () => edit(hardened(), 'Deployment', (d) => (container(d).image = 'ghcr.io/acme/checkout:1.2.3')),
    message: "container 'checkout': image 'ghcr.io/acme/checkout:1.2.3' has no digest",
    field: 'spec.template.spec.containers[0].image',
    unwaivable: true,
  },
  {
    rule: hardenedPullAlways,
    compliant: () => hardened(),
    violating: () => edit(hardened(), 'Deployment', (d) => (container(d).imagePullPolicy = 'IfNotPresent')),
    message: "container 'checkout' has imagePullPolicy 'IfNotPresent'",
    field: 'spec.template.spec.containers[0].imagePullPolicy',
    unwaivable: true,
  },
  {
    rule: hardenedServiceTls,
    compliant: () => hardened(),
    violating: () => edit(hardened(), 'Service', (s) => s.spec.ports.push({ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' })),
    message: "port 'metrics' is not a TLS port",
    field: 'spec.ports[1]',
    unwaivable: true,
  },
  {
    rule: hardenedIngressCallers,
    // Prometheus from its namespace on the metrics port only: the platform's scraper, not a caller.
    compliant: () => hardened(),
    violating: () =>
      edit(hardened(), 'NetworkPolicy', (p) =>
        p.spec.ingress.push({
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        }),
      ),
    message: 'the rule admits a whole namespace',
    field: 'spec.ingress[1].from[0]',
    unwaivable: true,
  },
  {
    rule: hardenedPublicExposure,
    compliant: () => hardened(),
    violating: () => hardened({ expose: Exposure.public({ host: 'pay' }) }),
    message: "Ingress 'checkout' makes the hardened app public",
    waiver: SHORT_WAIVER,
  },
];
