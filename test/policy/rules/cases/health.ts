import { livenessDiffersFromReadiness } from '../../../../lib/policy/rules/liveness-differs-from-readiness';
import { probePortDeclared } from '../../../../lib/policy/rules/probe-port-declared';
import { readinessProbe } from '../../../../lib/policy/rules/readiness-probe';
import { workerDef } from '../../../helpers';
import { container, edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

export const HEALTH_CASES: readonly RuleCase[] = [
  {
    rule: readinessProbe,
    // A worker has no Service, so its pods need no readiness for traffic.
    compliant: () => edit(golden(workerDef()), 'Deployment', (d) => delete container(d).readinessProbe),
    violating: () => edit(golden(), 'Deployment', (d) => delete container(d).readinessProbe),
    message: "container 'checkout' serves Service 'checkout' but has no readinessProbe",
    field: 'spec.template.spec.containers[0].readinessProbe',
  },
  {
    rule: livenessDiffersFromReadiness,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).livenessProbe = { ...container(d).readinessProbe })),
    message: 'checks the same endpoint for liveness and readiness',
  },
  {
    rule: probePortDeclared,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (container(d).readinessProbe.httpGet.port = 'admin')),
    message: 'readinessProbe checks port "admin", which the container does not declare',
  },
];
