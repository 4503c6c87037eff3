import { ANNOTATION } from '../../internal/labels';
import { describeContainer } from '../../manifest/pod-template';
import { ObjectRule } from '../rule';
import { MIN_REASON_LENGTH } from '../waiver';

/** Workloads whose pods run until stopped: a hung process in one is found only by a probe. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

const REASON = `object.metadata.annotations['${ANNOTATION.noHealthEndpoint}']`;
/** CEL: not long-running, or a reason long enough (trimmed, as the TypeScript check), or every app container probed. */
const CEL_HEALTH_DECLARED =
  `!(object.kind in ${JSON.stringify([...LONG_RUNNING])}) || ` +
  `(has(object.metadata.annotations) && '${ANNOTATION.noHealthEndpoint}' in object.metadata.annotations && size(${REASON}.trim()) >= ${MIN_REASON_LENGTH}) || ` +
  'variables.podSpec.containers.all(c, has(c.readinessProbe) || has(c.livenessProbe) || has(c.startupProbe))';

export const healthDeclared: ObjectRule = {
  id: 'health-declared',
  scope: 'object',
  severity: 'error',
  finding: 'a long-running container has no probe, and its workload does not say why',
  why: 'without probes a hung process is never restarted and a broken rollout looks healthy; an app with nothing to check must say so, so review sees it',
  fix: `declare health (Health.http, grpc, tcp or exec), or for a worker with no endpoint Health.none({ reason }) (the annotation ${ANNOTATION.noHealthEndpoint})`,
  admission: { cel: { expression: CEL_HEALTH_DECLARED } },
  check: (object, context) => {
    if (!LONG_RUNNING.has(object.kind)) return [];
    const reason = (object.metadata.annotations as Readonly<Record<string, string>> | undefined)?.[ANNOTATION.noHealthEndpoint];
    if (typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH) return [];
    const why = reason === undefined ? '' : ` (its ${ANNOTATION.noHealthEndpoint} reason is under ${MIN_REASON_LENGTH} characters)`;
    return context.pods.checkContainers(object, (at) =>
      at.type !== 'container' || at.container.readinessProbe || at.container.livenessProbe || at.container.startupProbe
        ? undefined
        : { field: `${at.path}.livenessProbe`, message: `${describeContainer(at)} has no readiness, liveness or startup probe${why}` },
    );
  },
};
