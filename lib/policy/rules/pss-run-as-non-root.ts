import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule, Violation } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const pssRunAsNonRoot: ObjectRule = {
  id: 'pss-run-as-non-root',
  scope: 'object',
  severity: 'error',
  finding: 'a container may run as root',
  why: 'root in a container is root on the node after any container escape (Pod Security restricted)',
  fix: 'set runAsNonRoot: true and a non-zero runAsUser (the golden path uses 10001; security.runAsUser changes it)',
  admission: {
    cel: {
      expression: celEveryContainer(
        `(${celHas('c.securityContext.runAsUser')} ? c.securityContext.runAsUser != 0 : !(${celHas('variables.podSpec.securityContext.runAsUser')} && variables.podSpec.securityContext.runAsUser == 0))` +
          ` && (${celHas('c.securityContext.runAsNonRoot')} ? c.securityContext.runAsNonRoot == true : (${celHas('variables.podSpec.securityContext.runAsNonRoot')} && variables.podSpec.securityContext.runAsNonRoot == true))`,
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at, pod): Violation | undefined => {
      const sc = at.container.securityContext;
      const psc = pod.spec.securityContext;
      const who = describeContainer(at);
      if (sc?.runAsUser === 0) return { field: `${at.path}.securityContext.runAsUser`, message: `${who} runs as UID 0` };
      if (sc?.runAsUser === undefined && psc?.runAsUser === 0)
        return { field: `${pod.path}.securityContext.runAsUser`, message: `${who} runs as UID 0 (from the pod)` };
      if ((sc?.runAsNonRoot ?? psc?.runAsNonRoot) !== true) {
        return { field: `${at.path}.securityContext.runAsNonRoot`, message: `${who} does not set runAsNonRoot: true (neither does the pod)` };
      }
      return undefined;
    }),
};
