import { pssCapabilities } from '../../../../lib/policy/rules/pss-capabilities';
import { pssHostNamespaces } from '../../../../lib/policy/rules/pss-host-namespaces';
import { pssHostPath } from '../../../../lib/policy/rules/pss-host-path';
import { pssHostPorts } from '../../../../lib/policy/rules/pss-host-ports';
import { pssPrivilegeEscalation } from '../../../../lib/policy/rules/pss-privilege-escalation';
import { pssPrivileged } from '../../../../lib/policy/rules/pss-privileged';
import { pssProcMount } from '../../../../lib/policy/rules/pss-proc-mount';
import { pssRunAsNonRoot } from '../../../../lib/policy/rules/pss-run-as-non-root';
import { pssApparmor } from '../../../../lib/policy/rules/pss-apparmor';
import { pssSeccomp } from '../../../../lib/policy/rules/pss-seccomp';
import { pssSysctls } from '../../../../lib/policy/rules/pss-sysctls';
import { pssVolumeTypes } from '../../../../lib/policy/rules/pss-volume-types';
import { taskDef, workerDef } from '../../../helpers';
import { container, edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

const CONTAINER = 'spec.template.spec.containers[0]';

export const POD_SECURITY_CASES: readonly RuleCase[] = [
  {
    rule: pssApparmor,
    compliant: () =>
      edit(
        golden(),
        'Deployment',
        (d) => (d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/checkout': 'runtime/default' }),
      ),
    // What an escape hatch could add after resolution rejected it in `pod.annotations`.
    violating: () =>
      edit(
        golden(taskDef()),
        'CronJob',
        (c) => (c.spec.jobTemplate.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/report': 'unconfined' }),
      ),
    message: "container 'report' runs with AppArmor profile 'unconfined'",
    field: 'spec.jobTemplate.spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/report',
  },
  {
    rule: pssPrivileged,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).securityContext.privileged = true)),
    message: "container 'checkout' runs privileged",
    field: `${CONTAINER}.securityContext.privileged`,
  },
  {
    rule: pssPrivilegeEscalation,
    compliant: () => golden(workerDef()),
    violating: () => edit(golden(workerDef()), 'Deployment', (d) => delete container(d).securityContext.allowPrivilegeEscalation),
    message: 'does not set allowPrivilegeEscalation: false',
  },
  {
    rule: pssRunAsNonRoot,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).securityContext.runAsUser = 0)),
    message: "container 'checkout' runs as UID 0",
    field: `${CONTAINER}.securityContext.runAsUser`,
  },
  {
    rule: pssCapabilities,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).securityContext.capabilities = { drop: ['ALL'], add: ['NET_ADMIN'] })),
    message: 'adds NET_ADMIN',
  },
  {
    rule: pssSeccomp,
    compliant: () => golden(taskDef()),
    violating: () =>
      edit(golden(taskDef()), 'CronJob', (c) => {
        delete c.spec.jobTemplate.spec.template.spec.securityContext.seccompProfile;
        delete container(c).securityContext.seccompProfile;
      }),
    message: 'has no seccomp profile (neither does the pod)',
  },
  {
    rule: pssHostNamespaces,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (d.spec.template.spec.hostNetwork = true)),
    message: 'the pod sets hostNetwork: true',
    field: 'spec.template.spec.hostNetwork',
  },
  {
    rule: pssHostPorts,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).ports[0].hostPort = 8080)),
    message: 'binds host port 8080',
  },
  {
    rule: pssHostPath,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => d.spec.template.spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } })),
    message: "volume 'docker' is a hostPath",
  },
  {
    rule: pssVolumeTypes,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => d.spec.template.spec.volumes.push({ name: 'shared', nfs: { server: 'nfs.local', path: '/data' } })),
    message: "volume 'shared' is of type nfs",
  },
  {
    rule: pssProcMount,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).securityContext.procMount = 'Unmasked')),
    message: 'sets procMount: Unmasked',
  },
  {
    rule: pssSysctls,
    compliant: () =>
      edit(golden(), 'Deployment', (d) => (d.spec.template.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }])),
    violating: () => edit(golden(), 'Deployment', (d) => (d.spec.template.spec.securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }])),
    message: 'sets sysctl net.core.somaxconn',
  },
];
