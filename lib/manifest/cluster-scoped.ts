/** Kinds that live outside namespaces: a namespace on them is ignored, and they act on the whole cluster. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'IngressClass',
  'RuntimeClass',
  'PriorityClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  // Kyverno's CEL policies (policies.kyverno.io), which the platform emits as admission policies
  'ValidatingPolicy',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'ClusterIssuer',
  'GatewayClass',
]);

/** Whether objects of `kind` are cluster-scoped (by kind alone: the kinds the platform knows of). */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
