import { readinessProbe } from '../../../lib/policy/rules/readiness-probe';
import { webDef } from '../../helpers';
import { check, checked, container, edit, findingsOf, golden } from '../policy-helpers';

/** An app of `team` whose Deployment lost its readiness probe (an escape hatch's doing). */
const unready = (team: string) =>
  checked(
    edit(golden(webDef({ team })), 'Deployment', (d) => delete container(d).readinessProbe),
    { team, source: `apps/${team}/checkout.ts`, namespace: team },
  );

describe('readiness-probe', () => {
  test('reports each namespace’s workload: two teams’ Deployments of the same name are two findings, not one', () => {
    const findings = findingsOf(check([unready('shop'), unready('payments')], [readinessProbe]), 'readiness-probe');
    expect(findings.map((f) => [f.object, f.message])).toEqual([
      [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', namespace: 'shop' },
        "container 'checkout' serves Service 'checkout' but has no readinessProbe",
      ],
      [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', namespace: 'payments' },
        "container 'checkout' serves Service 'checkout' but has no readinessProbe",
      ],
    ]);
  });
});
