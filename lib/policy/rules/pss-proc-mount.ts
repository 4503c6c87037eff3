import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const pssProcMount: ObjectRule = {
  id: 'pss-proc-mount',
  scope: 'object',
  severity: 'error',
  finding: 'a container unmasks /proc',
  why: "an Unmasked /proc exposes the node's kernel settings and other processes' details (Pod Security baseline)",
  fix: 'remove securityContext.procMount (or set it to Default)',
  admission: { cel: { expression: celEveryContainer(`!(${celHas('c.securityContext.procMount')}) || c.securityContext.procMount == 'Default'`) } },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const mount = at.container.securityContext?.procMount;
      return mount !== undefined && mount !== 'Default'
        ? { field: `${at.path}.securityContext.procMount`, message: `${describeContainer(at)} sets procMount: ${mount}` }
        : undefined;
    }),
};
