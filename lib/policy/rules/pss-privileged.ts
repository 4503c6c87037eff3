import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const pssPrivileged: ObjectRule = {
  id: 'pss-privileged',
  scope: 'object',
  severity: 'error',
  finding: 'a container runs privileged',
  why: 'a privileged container has every capability and the host devices: one exploit owns the node (Pod Security baseline)',
  fix: 'remove securityContext.privileged (the golden-path pod never sets it)',
  admission: { cel: { expression: celEveryContainer(`!(${celHas('c.securityContext.privileged')}) || c.securityContext.privileged != true`) } },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) =>
      at.container.securityContext?.privileged === true
        ? { field: `${at.path}.securityContext.privileged`, message: `${describeContainer(at)} runs privileged` }
        : undefined,
    ),
};
