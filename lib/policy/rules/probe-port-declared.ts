import { celEveryContainer } from '../cel-text';
import { Container, IntOrString, Probe } from '../../manifest/k8s-types';
import { ObjectRule, Violation } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

export const probePortDeclared: ObjectRule = {
  id: 'probe-port-declared',
  scope: 'object',
  severity: 'error',
  finding: 'a probe checks a port its container does not declare',
  why: 'a probe on a port the container does not serve fails forever: the pod never becomes ready, or is restarted in a loop',
  fix: "probe a port listed in the container's ports, by its name (the golden path's: the serving ports' names, health, metrics)",
  admission: {
    cel: {
      expression: celEveryContainer(PROBES.map((name) => `(!has(c.${name}) || ${celProbePortDeclared(`c.${name}`)})`).join(' && ')),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const out: Violation[] = [];
      for (const name of PROBES) {
        const probe = at.container[name];
        if (!probe) continue;
        const port = probePort(probe);
        if (port === undefined || declares(at.container, port)) continue;
        out.push({
          field: `${at.path}.${name}`,
          message: `${describeContainer(at)}: ${name} checks port ${JSON.stringify(port.value)}, which the container does not declare`,
        });
      }
      return out;
    }),
};

function probePort(probe: Probe): { value: IntOrString } | undefined {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  return port === undefined ? undefined : { value: port };
}

function declares(container: Container, port: { value: IntOrString }): boolean {
  const ports = container.ports ?? [];
  return typeof port.value === 'number' ? ports.some((p) => p.containerPort === port.value) : ports.some((p) => p.name === port.value);
}

/** `probePort` then `declares` in CEL, over the probe at `path` of the container `c`. */
function celProbePortDeclared(path: string): string {
  const declared = (port: string): string =>
    `(type(${port}) == int ? (has(c.ports) && c.ports.exists(p, p.containerPort == ${port})) : (has(c.ports) && c.ports.exists(p, has(p.name) && p.name == ${port})))`;
  return ['httpGet', 'tcpSocket', 'grpc'].reduceRight(
    (otherwise, handler) => `(has(${path}.${handler}) && has(${path}.${handler}.port) ? ${declared(`${path}.${handler}.port`)} : ${otherwise})`,
    'true',
  );
}
