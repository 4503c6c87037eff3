/** A kustomization that lists files and folders, so `kubectl kustomize <folder>` builds it. */
export function kustomization(resources: readonly string[]): Record<string, unknown> {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources].sort() };
}
