import { Manifest } from '../../../../lib/manifest/manifest';
import { apiDeprecated } from '../../../../lib/policy/rules/api-deprecated';
import { apiRemoved } from '../../../../lib/policy/rules/api-removed';
import { cronjobDeadlines } from '../../../../lib/policy/rules/cronjob-deadlines';
import { duplicateEnv } from '../../../../lib/policy/rules/duplicate-env';
import { labelValues } from '../../../../lib/policy/rules/label-values';
import { noDefaultNamespace } from '../../../../lib/policy/rules/no-default-namespace';
import { taskDef } from '../../../helpers';
import { container, edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

function flowSchema(apiVersion: string): Manifest {
  return { apiVersion, kind: 'FlowSchema', metadata: { name: 'checkout' }, spec: { priorityLevelConfiguration: { name: 'workload-low' } } };
}

export const CORRECTNESS_CASES: readonly RuleCase[] = [
  {
    rule: duplicateEnv,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => container(d).env.push({ name: 'LOG_LEVEL', value: 'debug' })),
    message: "container 'checkout' declares 'LOG_LEVEL' more than once",
  },
  {
    rule: apiRemoved,
    compliant: () => golden(),
    violating: () => edit(golden(), 'PodDisruptionBudget', (p) => (p.apiVersion = 'policy/v1beta1')),
    message: 'policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; use policy/v1',
    field: 'apiVersion',
  },
  {
    rule: apiDeprecated,
    compliant: () => [...golden(), flowSchema('flowcontrol.apiserver.k8s.io/v1beta3')],
    violating: () => [...golden(), flowSchema('flowcontrol.apiserver.k8s.io/v1beta2')],
    message: 'flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema is deprecated since Kubernetes 1.26 and removed in Kubernetes 1.29',
  },
  {
    rule: labelValues,
    compliant: () => golden(),
    violating: () => edit(golden(), 'ServiceAccount', (s) => (s.metadata.labels.team = 'Shop Team!')),
    message: 'label \'team\' has an invalid value "Shop Team!"',
    field: 'metadata.labels["team"]',
  },
  {
    rule: cronjobDeadlines,
    compliant: () => golden(taskDef()),
    violating: () => edit(golden(taskDef()), 'CronJob', (c) => delete c.spec.startingDeadlineSeconds),
    message: 'the CronJob has no startingDeadlineSeconds',
    field: 'spec.startingDeadlineSeconds',
  },
  {
    rule: noDefaultNamespace,
    compliant: () => golden(),
    violating: () => edit(golden(), 'ServiceAccount', (s) => (s.metadata.namespace = 'default')),
    message: "the object is in namespace 'default'",
    field: 'metadata.namespace',
  },
];
