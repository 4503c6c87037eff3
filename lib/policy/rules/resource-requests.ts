import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const resourceRequests: ObjectRule = {
  id: 'resource-requests',
  scope: 'object',
  severity: 'error',
  finding: 'a container does not request CPU and memory',
  why: 'without requests the scheduler packs pods blindly and the pod is the first evicted under pressure (BestEffort)',
  fix: "set resources.requests.cpu and resources.requests.memory (the app's 'resources', or the environment profile)",
  admission: {
    cel: {
      expression: celEveryContainer(`${celHas('c.resources.requests')} && 'cpu' in c.resources.requests && 'memory' in c.resources.requests`, {
        ephemeral: false,
      }),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      if (at.type === 'ephemeralContainer') return undefined;
      const requests = at.container.resources?.requests ?? {};
      const missing = ['cpu', 'memory'].filter((r) => requests[r] === undefined);
      return missing.length > 0
        ? { field: `${at.path}.resources.requests`, message: `${describeContainer(at)} requests no ${missing.join(' and no ')}` }
        : undefined;
    }),
};
