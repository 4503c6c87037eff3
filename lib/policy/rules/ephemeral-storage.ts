import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const ephemeralStorage: ObjectRule = {
  id: 'ephemeral-storage',
  scope: 'object',
  severity: 'error',
  finding: 'a container does not request and limit ephemeral storage',
  why: 'logs and scratch files count against the node disk: without a request and limit one pod can fill it and get every pod there evicted',
  fix: 'set resources.requests and resources.limits for ephemeral-storage (the environment profile sets 64Mi and 1Gi)',
  admission: {
    cel: {
      expression: celEveryContainer(
        `${celHas('c.resources.requests')} && 'ephemeral-storage' in c.resources.requests && has(c.resources.limits) && 'ephemeral-storage' in c.resources.limits`,
        { ephemeral: false },
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      if (at.type === 'ephemeralContainer') return undefined;
      const r = at.container.resources;
      const missing = [r?.requests?.['ephemeral-storage'] === undefined && 'request', r?.limits?.['ephemeral-storage'] === undefined && 'limit'].filter(
        Boolean,
      );
      return missing.length > 0
        ? { field: `${at.path}.resources`, message: `${describeContainer(at)} has no ephemeral-storage ${missing.join(' and no ')}` }
        : undefined;
    }),
};
