import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/** The app's configuration values, or undefined when it has none. */
export function appConfigMap(scope: Construct, app: ResolvedApp): k8s.KubeConfigMap | undefined {
  if (!app.config) return undefined;
  return new k8s.KubeConfigMap(scope, 'config', { metadata: appMetadata(app), data: { ...app.config } });
}
