import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';

/** Metadata every object of an app carries: its name (never hash-suffixed), namespace, labels, annotations. */
export function appMetadata(app: ResolvedApp, name: string = app.name): k8s.ObjectMeta {
  return { name, namespace: app.namespace, labels: { ...app.labels }, annotations: { ...app.annotations } };
}
