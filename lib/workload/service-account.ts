import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/** A ServiceAccount of the app's own, with no API token mounted unless a pod asks for one. */
export function appServiceAccount(scope: Construct, app: ResolvedApp): k8s.KubeServiceAccount {
  const metadata = appMetadata(app);
  // The app's annotations (workload identity) under the platform's, which always win.
  return ownServiceAccount(scope, { ...metadata, annotations: { ...app.serviceAccountAnnotations, ...metadata.annotations } });
}

/** A workload's own ServiceAccount (an app's, or its in-cluster data store's), without an API token. */
export function ownServiceAccount(scope: Construct, metadata: k8s.ObjectMeta): k8s.KubeServiceAccount {
  return new k8s.KubeServiceAccount(scope, 'service-account', { metadata, automountServiceAccountToken: false });
}
