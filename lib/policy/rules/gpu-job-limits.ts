import { celEveryContainer } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';
import { gpuResources } from '../../manifest/gpu-resources';

export const gpuJobLimits: ObjectRule = {
  id: 'gpu-job-limits',
  scope: 'object',
  severity: 'error',
  finding: 'a container with GPUs has no CPU or memory limit',
  why: "a GPU node holds a few large pods: one without CPU and memory limits starves its neighbours' GPUs, which sit idle and are billed",
  fix: "set resources.limits.cpu and resources.limits.memory (the batch job's resources.cpuLimit and resources.memoryLimit)",
  admission: {
    cel: {
      expression: celEveryContainer(
        '!has(c.resources) || !((has(c.resources.requests) && c.resources.requests.exists(k, k.endsWith("/gpu"))) || ' +
          '(has(c.resources.limits) && c.resources.limits.exists(k, k.endsWith("/gpu")))) || ' +
          '(has(c.resources.limits) && "cpu" in c.resources.limits && "memory" in c.resources.limits)',
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      if (gpuResources(at.container).length === 0) return undefined;
      const limits = at.container.resources?.limits ?? {};
      const missing = ['cpu', 'memory'].filter((r) => limits[r] === undefined);
      return missing.length > 0
        ? { field: `${at.path}.resources.limits`, message: `${describeContainer(at)} has GPUs and no ${missing.join(' and no ')} limit` }
        : undefined;
    }),
};
