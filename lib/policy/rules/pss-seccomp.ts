import { celEveryContainer, celHas, celStrings } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export const pssSeccomp: ObjectRule = {
  id: 'pss-seccomp',
  scope: 'object',
  severity: 'error',
  finding: 'a container runs without a seccomp profile',
  why: 'without seccomp every system call reaches the kernel, including the ones most container escapes use (Pod Security restricted)',
  fix: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod (or each container)',
  admission: {
    cel: {
      expression: celEveryContainer(
        `${celHas('c.securityContext.seccompProfile.type')} ? c.securityContext.seccompProfile.type in ${celStrings(CONFINED)}` +
          ` : (${celHas('variables.podSpec.securityContext.seccompProfile.type')} && variables.podSpec.securityContext.seccompProfile.type in ${celStrings(CONFINED)})`,
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at, pod) => {
      const type = at.container.securityContext?.seccompProfile?.type ?? pod.spec.securityContext?.seccompProfile?.type;
      if (type !== undefined && CONFINED.has(type)) return undefined;
      return {
        field: `${at.path}.securityContext.seccompProfile`,
        message: `${describeContainer(at)} ${type === undefined ? 'has no seccomp profile (neither does the pod)' : `uses seccomp profile '${type}'`}`,
      };
    }),
};
