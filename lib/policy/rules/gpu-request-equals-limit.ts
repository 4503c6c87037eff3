import { celEveryContainer } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';
import { gpuResources } from '../../manifest/gpu-resources';

export const gpuRequestEqualsLimit: ObjectRule = {
  id: 'gpu-request-equals-limit',
  scope: 'object',
  severity: 'error',
  finding: 'a container requests a number of GPUs other than its limit',
  why: 'GPUs are never shared or overcommitted: Kubernetes rejects a GPU request without an equal limit, and a GPU limit is what the device plugin assigns',
  fix: "set the same count in resources.requests and resources.limits (the batch job's 'gpu' sets both)",
  admission: {
    cel: {
      // Quantities compared as written, as the TypeScript check does (String(request) !== String(limit)).
      expression: celEveryContainer(
        '!has(c.resources) || !has(c.resources.requests) || c.resources.requests.all(k, !k.endsWith("/gpu") || ' +
          '(has(c.resources.limits) && k in c.resources.limits && string(c.resources.limits[k]) == string(c.resources.requests[k])))',
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const requests = at.container.resources?.requests ?? {};
      const limits = at.container.resources?.limits ?? {};
      for (const resource of gpuResources(at.container)) {
        const request = requests[resource];
        const limit = limits[resource];
        // A limit alone is fine: the request defaults to it.
        if (request !== undefined && String(request) !== String(limit)) {
          return {
            field: `${at.path}.resources.limits`,
            message: `${describeContainer(at)} requests ${String(request)} ${resource} but limits it to ${limit === undefined ? 'nothing' : String(limit)}`,
          };
        }
      }
      return undefined;
    }),
};
