import { k8s } from 'cdk8s-plus-28';

/**
 * The fields of a resolved app that its objects' metadata comes from. Structural (a ResolvedApp
 * is one), so that lib/internal stays below the model and imports nothing from it.
 */
export interface MetadataSource {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Metadata every object of an app carries: its name (never hash-suffixed), namespace, labels, annotations. */
export function appMetadata(app: MetadataSource, name: string = app.name): k8s.ObjectMeta {
  return { name, namespace: app.namespace, labels: { ...app.labels }, annotations: { ...app.annotations } };
}
