import { ephemeralStorage } from '../../../../lib/policy/rules/ephemeral-storage';
import { imageTagOrDigest } from '../../../../lib/policy/rules/image-tag-or-digest';
import { memoryLimit } from '../../../../lib/policy/rules/memory-limit';
import { resourceRequests } from '../../../../lib/policy/rules/resource-requests';
import { webDef } from '../../../helpers';
import { container, edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

const DIGEST = `sha256:${'a'.repeat(64)}`;

export const RESOURCE_CASES: readonly RuleCase[] = [
  {
    rule: imageTagOrDigest,
    compliant: () => golden(webDef({ image: `ghcr.io/acme/checkout@${DIGEST}` })),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).image = 'ghcr.io/acme/checkout')),
    message: "image 'ghcr.io/acme/checkout' has neither a tag nor a digest",
    field: 'spec.template.spec.containers[0].image',
  },
  {
    rule: resourceRequests,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => delete container(d).resources.requests.cpu),
    message: "container 'checkout' requests no cpu",
  },
  {
    rule: memoryLimit,
    compliant: () => golden(webDef({ resources: { memory: '256Mi', memoryLimit: '512Mi' } })),
    violating: () => edit(golden(), 'Deployment', (d) => delete container(d).resources.limits.memory),
    message: "container 'checkout' has no memory limit",
    field: 'spec.template.spec.containers[0].resources.limits.memory',
  },
  {
    rule: ephemeralStorage,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => delete container(d).resources.limits['ephemeral-storage']),
    message: 'has no ephemeral-storage limit',
  },
];
