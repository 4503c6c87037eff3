/** The generated schema file, data/k8s-1.28-schemas.json (scripts/generate-schemas.ts writes it). */
export interface SchemaBundle {
  readonly kubernetesVersion: string;
  readonly kinds: Readonly<Record<string, { readonly definition: string; readonly namespaced: boolean; readonly source: string }>>;
  readonly definitions: Readonly<Record<string, object>>;
}
