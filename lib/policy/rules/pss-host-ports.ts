import { celEveryContainer } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const pssHostPorts: ObjectRule = {
  id: 'pss-host-ports',
  scope: 'object',
  severity: 'error',
  finding: 'a container binds a port on the node',
  why: 'a hostPort bypasses NetworkPolicies and Services and limits the pod to one per node (Pod Security baseline)',
  fix: 'remove hostPort; expose the port through a Service',
  admission: { cel: { expression: celEveryContainer(`!has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0)`) } },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) =>
      (at.container.ports ?? []).flatMap((port, i) =>
        port.hostPort !== undefined && port.hostPort !== 0
          ? [{ field: `${at.path}.ports[${i}].hostPort`, message: `${describeContainer(at)} binds host port ${port.hostPort}` }]
          : [],
      ),
    ),
};
