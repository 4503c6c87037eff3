import { Health } from '../../../../lib/model/health';
import { healthDeclared } from '../../../../lib/policy/rules/health-declared';
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
    rule: healthDeclared,
    // A worker that declared it has nothing to check (Health.none) carries its reason on the Deployment.
    compliant: () => golden(workerDef({ health: Health.none({ reason: 'load generator: serves nothing, exits on failure' }) })),
    violating: () =>
      edit(golden(workerDef()), 'Deployment', (d) => {
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) delete container(d)[probe];
      }),
    message: "container 'mailer' has no readiness, liveness or startup probe",
    field: 'spec.template.spec.containers[0].livenessProbe',
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
