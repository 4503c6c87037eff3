import { celEveryContainer, celHas, celStrings } from '../cel-text';
import { ObjectRule, Violation } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

/** The one capability Pod Security "restricted" lets a container add. */
const ALLOWED_ADD = new Set(['NET_BIND_SERVICE']);

export const pssCapabilities: ObjectRule = {
  id: 'pss-capabilities',
  scope: 'object',
  severity: 'error',
  finding: 'a container keeps or adds Linux capabilities',
  why: 'capabilities such as NET_RAW or SYS_ADMIN let a compromised process attack the node and its neighbours (Pod Security restricted)',
  fix: "drop ['ALL'] and add nothing but NET_BIND_SERVICE (security.bindPrivilegedPorts)",
  admission: {
    cel: {
      expression: celEveryContainer(
        `${celHas('c.securityContext.capabilities.drop')} && c.securityContext.capabilities.drop.exists(d, d.upperAscii() == 'ALL')` +
          ` && (!(${celHas('c.securityContext.capabilities.add')}) || c.securityContext.capabilities.add.all(a, a.upperAscii() in ${celStrings([...ALLOWED_ADD].flatMap((c) => [c, `CAP_${c}`]))}))`,
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const caps = at.container.securityContext?.capabilities;
      const who = describeContainer(at);
      const out: Violation[] = [];
      if (!(caps?.drop ?? []).some((c) => c.toUpperCase() === 'ALL')) {
        out.push({ field: `${at.path}.securityContext.capabilities.drop`, message: `${who} does not drop ALL capabilities` });
      }
      const added = (caps?.add ?? []).filter((c) => !ALLOWED_ADD.has(c.toUpperCase().replace(/^CAP_/, '')));
      if (added.length > 0) out.push({ field: `${at.path}.securityContext.capabilities.add`, message: `${who} adds ${added.join(', ')}` });
      return out;
    }),
};
