import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const pssPrivilegeEscalation: ObjectRule = {
  id: 'pss-privilege-escalation',
  scope: 'object',
  severity: 'error',
  finding: 'a container may gain more privileges than its parent process',
  why: 'without allowPrivilegeEscalation: false a setuid binary can become root inside the container (Pod Security restricted)',
  fix: 'set securityContext.allowPrivilegeEscalation: false on every container',
  admission: {
    cel: { expression: celEveryContainer(`${celHas('c.securityContext.allowPrivilegeEscalation')} && c.securityContext.allowPrivilegeEscalation == false`) },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) =>
      at.container.securityContext?.allowPrivilegeEscalation !== false
        ? { field: `${at.path}.securityContext.allowPrivilegeEscalation`, message: `${describeContainer(at)} does not set allowPrivilegeEscalation: false` }
        : undefined,
    ),
};
