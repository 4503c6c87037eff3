import { Replicas } from '../../../../lib/model/replicas';
import { hpaTargetExists } from '../../../../lib/policy/rules/hpa-target-exists';
import { hpaTargetNoReplicas } from '../../../../lib/policy/rules/hpa-target-no-replicas';
import { pdbAllowsEviction } from '../../../../lib/policy/rules/pdb-allows-eviction';
import { pdbCoverage } from '../../../../lib/policy/rules/pdb-coverage';
import { pdbFitsHpaMinimum } from '../../../../lib/policy/rules/pdb-fits-hpa-minimum';
import { prodReplicas } from '../../../../lib/policy/rules/prod-replicas';
import { topologySpread } from '../../../../lib/policy/rules/topology-spread';
import { statefulDef, webDef, workerDef } from '../../../helpers';
import { DEV, edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

export const AVAILABILITY_CASES: readonly RuleCase[] = [
  {
    rule: prodReplicas,
    compliant: () => golden(webDef({ replicas: Replicas.fixed(2) })),
    violating: () => golden(webDef({ replicas: Replicas.fixed(1) })),
    message: "Deployment 'checkout' runs 1 pod(s)",
    field: 'spec.replicas',
  },
  {
    rule: prodReplicas,
    compliant: () => golden(statefulDef({ replicas: Replicas.fixed(3) })),
    // A stateful service's default: one pod, single-instance state by declaration.
    violating: () => golden(statefulDef()),
    message:
      "StatefulSet 'search-index' runs 1 pod(s): single-instance state is down during each rollout, node drain or crash, and its data lives on one volume; " +
      'use a managed store outside the cluster, or a replicated setup (Replicas.fixed(3) with the software replicating across its pods), ' +
      'or waive prod-replicas with the reason the outage is acceptable',
    field: 'spec.replicas',
  },
  {
    rule: pdbCoverage,
    compliant: () => golden(workerDef()),
    violating: () => golden(workerDef()).filter((m) => m.kind !== 'PodDisruptionBudget'),
    message: "no PodDisruptionBudget selects the pods of Deployment 'mailer'",
  },
  {
    rule: pdbAllowsEviction,
    compliant: () => golden(webDef(), DEV),
    violating: () => edit(golden(webDef(), DEV), 'PodDisruptionBudget', (p) => (p.spec = { minAvailable: 1, selector: p.spec.selector })),
    message: "minAvailable: 1 allows no eviction when Deployment 'checkout' runs its minimum of 1 pod(s)",
    environment: 'dev',
  },
  {
    rule: pdbFitsHpaMinimum,
    compliant: () => golden(),
    violating: () => edit(golden(), 'PodDisruptionBudget', (p) => (p.spec.maxUnavailable = '100%')),
    message: "lets all 3 pods of Deployment 'checkout' (HPA 'checkout' minReplicas) be evicted at once",
  },
  {
    rule: topologySpread,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => delete d.spec.template.spec.topologySpreadConstraints),
    message: "the pods of Deployment 'checkout' have no topology spread or anti-affinity",
  },
  {
    rule: hpaTargetExists,
    compliant: () => golden(),
    violating: () => edit(golden(), 'HorizontalPodAutoscaler', (h) => (h.spec.scaleTargetRef.name = 'checkout-v2')),
    message: "there is no apps/v1 Deployment 'checkout-v2' in namespace 'shop'",
    field: 'spec.scaleTargetRef',
  },
  {
    rule: hpaTargetNoReplicas,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (d.spec.replicas = 3)),
    message: "Deployment 'checkout' sets replicas: 3 but HorizontalPodAutoscaler 'checkout' scales it",
  },
];
