import { parseQuantity } from '../../internal/quantity';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const memoryLimit: ObjectRule = {
  id: 'memory-limit',
  scope: 'object',
  severity: 'error',
  finding: 'a container has no memory limit, or one below its request',
  why: 'a container without a memory limit can take the whole node and get its neighbours OOM-killed',
  fix: "set resources.limits.memory at or above the request (the golden path sets it to the request unless 'memoryLimit' says otherwise)",
  admission: { synthOnly: 'compares quantities (512Mi against 1Gi), which needs the Kubernetes quantity() CEL library that the offline evaluator lacks' },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      if (at.type === 'ephemeralContainer') return undefined;
      const limit = at.container.resources?.limits?.memory;
      const request = at.container.resources?.requests?.memory;
      const who = describeContainer(at);
      if (limit === undefined) return { field: `${at.path}.resources.limits.memory`, message: `${who} has no memory limit` };
      const l = parseQuantity(String(limit), 'bytes');
      const r = request === undefined ? undefined : parseQuantity(String(request), 'bytes');
      if ('value' in l && r && 'value' in r && l.value < r.value) {
        return { field: `${at.path}.resources.limits.memory`, message: `${who} limits memory to ${limit}, below its request of ${request}` };
      }
      return undefined;
    }),
};
