import { ephemeralStorage } from '../../../../lib/policy/rules/ephemeral-storage';
import { imageTagOrDigest } from '../../../../lib/policy/rules/image-tag-or-digest';
import { gpuJobLimits } from '../../../../lib/policy/rules/gpu-job-limits';
import { gpuRequestEqualsLimit } from '../../../../lib/policy/rules/gpu-request-equals-limit';
import { memoryLimit } from '../../../../lib/policy/rules/memory-limit';
import { resourceRequests } from '../../../../lib/policy/rules/resource-requests';
import { batchDef, GPU_POOLS, webDef } from '../../../helpers';
import { container, edit, golden, PROD } from '../../policy-helpers';
import { RuleCase } from './rule-case';

/** shop/checkout as a batch job with one A100, its CPU and memory limited. */
const gpuJob = () =>
  golden(batchDef({ name: 'checkout', gpu: { count: 1, type: 'a100' }, resources: { cpuLimit: '4', memoryLimit: '16Gi' } }), { ...PROD, gpus: GPU_POOLS });

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
  {
    rule: gpuRequestEqualsLimit,
    compliant: gpuJob,
    violating: () => edit(gpuJob(), 'Job', (j) => (container(j).resources.limits['nvidia.com/gpu'] = 2)),
    message: "container 'checkout' requests 1 nvidia.com/gpu but limits it to 2",
    field: 'spec.template.spec.containers[0].resources.limits',
  },
  {
    rule: gpuJobLimits,
    compliant: gpuJob,
    violating: () => edit(gpuJob(), 'Job', (j) => delete container(j).resources.limits.cpu),
    message: "container 'checkout' has GPUs and no cpu limit",
    field: 'spec.template.spec.containers[0].resources.limits',
  },
];
