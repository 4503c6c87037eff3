/**
 * API versions that Kubernetes (or a pinned CRD's project) has removed by the target version
 * (KUBERNETES_VERSION), or deprecated while still serving them there. From the Kubernetes deprecated API migration guide and the CRDs'
 * release notes; the target version is fixed by the platform.
 */

import { KUBERNETES_VERSION } from '../model/kubernetes-version';

/** The Kubernetes minor the lifecycle tables are read against. */
export const TARGET_KUBERNETES = KUBERNETES_VERSION;

export interface ApiChange {
  readonly apiVersion: string;
  /** @default - every kind of the API version */
  readonly kinds?: readonly string[];
  /** What stopped serving it, e.g. 'Kubernetes 1.25'. */
  readonly removedIn?: string;
  /** What deprecated it, when the target still serves it. */
  readonly deprecatedIn?: string;
  /** What to use instead. */
  readonly use: string;
}

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'];

const REMOVED: readonly ApiChange[] = [
  { apiVersion: 'extensions/v1beta1', kinds: WORKLOADS, removedIn: 'Kubernetes 1.16', use: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: 'Kubernetes 1.16', use: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: 'Kubernetes 1.22', use: 'networking.k8s.io/v1' },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    removedIn: 'Kubernetes 1.16',
    use: 'Pod Security Admission (namespace labels); there is no replacement object',
  },
  { apiVersion: 'apps/v1beta1', removedIn: 'Kubernetes 1.16', use: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', removedIn: 'Kubernetes 1.16', use: 'apps/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', removedIn: 'Kubernetes 1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'scheduling.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1alpha1', removedIn: 'Kubernetes 1.22', use: 'scheduling.k8s.io/v1' },
  // Only the webhook configurations: ValidatingAdmissionPolicy(Binding) v1beta1 arrived in 1.28.
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    removedIn: 'Kubernetes 1.22',
    use: 'admissionregistration.k8s.io/v1',
  },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', removedIn: 'Kubernetes 1.22', use: 'coordination.k8s.io/v1' },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    removedIn: 'Kubernetes 1.22',
    use: 'storage.k8s.io/v1',
  },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: 'Kubernetes 1.27', use: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', removedIn: 'Kubernetes 1.25', use: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', removedIn: 'Kubernetes 1.25', use: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', removedIn: 'Kubernetes 1.25', use: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', removedIn: 'Kubernetes 1.25', use: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', removedIn: 'Kubernetes 1.26', use: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: 'Kubernetes 1.25', use: 'policy/v1' },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    removedIn: 'Kubernetes 1.25',
    use: 'Pod Security Admission (namespace labels); there is no replacement object',
  },
  { apiVersion: 'node.k8s.io/v1beta1', removedIn: 'Kubernetes 1.25', use: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: 'Kubernetes 1.26', use: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  {
    apiVersion: 'external-secrets.io/v1beta1',
    removedIn: 'the pinned External Secrets CRDs (v2.9, where v1beta1 is not served)',
    use: 'external-secrets.io/v1',
  },
];

const DEPRECATED: readonly ApiChange[] = [
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    deprecatedIn: 'Kubernetes 1.26',
    removedIn: 'Kubernetes 1.29',
    use: 'flowcontrol.apiserver.k8s.io/v1beta3',
  },
];

/** The removal that makes `apiVersion`/`kind` unusable on the target version, if any. */
export function removedApi(apiVersion: string, kind: string): ApiChange | undefined {
  return REMOVED.find((c) => c.apiVersion === apiVersion && (c.kinds === undefined || c.kinds.includes(kind)));
}

/** The deprecation of an API version the target still serves, if any. */
export function deprecatedApi(apiVersion: string, kind: string): ApiChange | undefined {
  return DEPRECATED.find((c) => c.apiVersion === apiVersion && (c.kinds === undefined || c.kinds.includes(kind)));
}
