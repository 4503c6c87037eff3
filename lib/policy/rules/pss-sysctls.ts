import { celHas, celStrings } from '../cel-text';
import { ObjectRule } from '../rule';

/** The namespaced sysctls Pod Security "baseline" calls safe in Kubernetes 1.28. */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
]);

export const pssSysctls: ObjectRule = {
  id: 'pss-sysctls',
  scope: 'object',
  severity: 'error',
  finding: 'a pod sets an unsafe sysctl',
  why: 'unsafe sysctls change kernel behaviour for every pod on the node, and the kubelet rejects them by default (Pod Security baseline)',
  fix: `set only safe sysctls (${[...SAFE].join(', ')})`,
  admission: {
    cel: {
      expression: `!(${celHas('variables.podSpec.securityContext.sysctls')}) || variables.podSpec.securityContext.sysctls.all(s, s.name in ${celStrings(SAFE)})`,
    },
  },
  check: (object, context) => {
    const pod = context.pods.of(object);
    if (!pod) return [];
    return (pod.spec.securityContext?.sysctls ?? []).flatMap((sysctl, i) =>
      SAFE.has(sysctl.name) ? [] : [{ field: `${pod.path}.securityContext.sysctls[${i}]`, message: `the pod sets sysctl ${sysctl.name}` }],
    );
  },
};
