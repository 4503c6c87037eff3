import { AdmissionKind } from '../rule';

/** A named CEL expression an admission policy computes once and its validations read as `variables.<name>`. */
export interface CelVariable {
  readonly name: string;
  readonly expression: string;
}

/**
 * The pod-running kinds every admission policy matches, as lib/manifest/pod-template.ts reads them:
 * a bare Pod, the controllers with a pod template at spec.template, and CronJob (spec.jobTemplate).
 * Denying the controller stops the rollout at the object a person or a pipeline applies.
 */
export const POD_KINDS: readonly AdmissionKind[] = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod' },
  { group: '', version: 'v1', resource: 'replicationcontrollers', kind: 'ReplicationController' },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet' },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet' },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' },
];

/**
 * The variables a rule's CEL reads (RuleCel): the pod spec at the right path for each kind, and its
 * containers. Init containers and containers share a type (io.k8s.api.core.v1.Container), so they
 * concatenate; ephemeral containers have their own type and stay apart. Variables are evaluated
 * lazily, so a rule that also matches a kind without pods (ServiceAccount) never touches them there.
 */
export const POD_VARIABLES: readonly CelVariable[] = [
  {
    name: 'podSpec',
    expression: "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)",
  },
  {
    name: 'containers',
    expression: '(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + variables.podSpec.containers',
  },
  {
    name: 'ephemeralContainers',
    expression: 'has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : []',
  },
];
