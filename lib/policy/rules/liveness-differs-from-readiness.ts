import { celEveryContainer } from '../cel-text';
import { isDeepStrictEqual } from 'node:util';
import { Probe } from '../../manifest/k8s-types';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

/** Kubernetes' defaults for a probe's period and failure threshold. */
const DEFAULT_PERIOD = 10;
const DEFAULT_THRESHOLD = 3;
/** What a probe runs; two probes with the same handler check the same thing. */
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const;

export const livenessDiffersFromReadiness: ObjectRule = {
  id: 'liveness-differs-from-readiness',
  scope: 'object',
  severity: 'warning',
  finding: 'the liveness probe is the readiness probe, and no more patient',
  why: 'when an overloaded or cut-off pod fails readiness it is then also restarted, which turns a slow dependency into a restart storm',
  fix: "check only that the process answers for liveness (the golden path's default: TCP on the port; or Health.http(path, { livenessPath }) or { liveness: Health.tcp() }), or give it a longer period x failureThreshold than readiness",
  admission: {
    cel: {
      expression: celEveryContainer(
        '!has(c.readinessProbe) || !has(c.livenessProbe) || !(' +
          HANDLERS.map(
            (h) =>
              `(has(c.readinessProbe.${h}) == has(c.livenessProbe.${h}) && (!has(c.readinessProbe.${h}) || c.readinessProbe.${h} == c.livenessProbe.${h}))`,
          ).join(' && ') +
          `) || ${celWindow('c.livenessProbe')} > ${celWindow('c.readinessProbe')}`,
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const { readinessProbe: readiness, livenessProbe: liveness } = at.container;
      if (!readiness || !liveness) return undefined;
      if (!isDeepStrictEqual(handler(readiness), handler(liveness))) return undefined;
      if (window(liveness) > window(readiness)) return undefined;
      return {
        field: `${at.path}.livenessProbe`,
        message: `${describeContainer(at)} checks the same endpoint for liveness and readiness and gives up on liveness after ${window(liveness)}s (readiness: ${window(readiness)}s)`,
      };
    }),
};

function handler(probe: Probe): unknown {
  return Object.fromEntries(HANDLERS.map((h) => [h, probe[h]]));
}

/** Seconds of failures before the probe acts. */
function window(probe: Probe): number {
  return (probe.periodSeconds ?? DEFAULT_PERIOD) * (probe.failureThreshold ?? DEFAULT_THRESHOLD);
}

/** `window` in CEL, over the probe at `path`. */
function celWindow(path: string): string {
  return `(has(${path}.periodSeconds) ? ${path}.periodSeconds : ${DEFAULT_PERIOD}) * (has(${path}.failureThreshold) ? ${path}.failureThreshold : ${DEFAULT_THRESHOLD})`;
}
