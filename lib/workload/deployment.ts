import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';
import { podTemplate } from './pod-template';

export interface AppDeploymentOptions {
  /** Rolling update bounds; web services never drop below the desired count. */
  readonly maxSurge: string;
  readonly maxUnavailable: string | number;
}

/** A Deployment of the golden-path pod. With an autoscaler it leaves `replicas` to the HPA. */
export function appDeployment(scope: Construct, app: ResolvedApp, options: AppDeploymentOptions): k8s.KubeDeployment {
  const replicas = app.replicas?.kind === 'fixed' ? app.replicas.count : undefined;
  return new k8s.KubeDeployment(scope, 'deployment', {
    metadata: appMetadata(app),
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      revisionHistoryLimit: 5,
      selector: { matchLabels: { ...app.selector } },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: k8s.IntOrString.fromString(options.maxSurge), maxUnavailable: intOrString(options.maxUnavailable) },
      },
      template: podTemplate(app, { spread: true }),
    },
  });
}

function intOrString(value: string | number): k8s.IntOrString {
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}
