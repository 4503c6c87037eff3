import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ANNOTATION } from '../internal/labels';
import { appMetadata } from '../internal/metadata';
import { appSecretName } from '../model/app-files';
import { ResolvedApp } from '../model/resolved-app';
import { addSleepAction } from './extra-containers';
import { podTemplate } from './pod-template';

/** A Deployment of the golden-path pod. With an autoscaler it leaves `replicas` to the HPA. */
export function appDeployment(scope: Construct, app: ResolvedApp): k8s.KubeDeployment {
  const replicas = app.replicas?.kind === 'fixed' ? app.replicas.count : undefined;
  const rollout = app.rollout;
  if (!rollout) throw new Error(`bug: ${app.source}: a Deployment resolved without a rollout`);
  const metadata = appMetadata(app);
  const deployment = new k8s.KubeDeployment(scope, 'deployment', {
    metadata: { ...metadata, annotations: { ...metadata.annotations, ...secretRolloutAnnotations(app), ...noHealthAnnotation(app) } },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      revisionHistoryLimit: rollout.revisionHistoryLimit,
      selector: { matchLabels: { ...app.selector } },
      strategy:
        rollout.strategy === 'Recreate'
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrString(rollout.maxSurge), maxUnavailable: intOrString(rollout.maxUnavailable) } },
      template: podTemplate(app, { spread: true }),
    },
  });
  addSleepAction(deployment, app.shutdown.preStop, '/spec/template');
  return deployment;
}

/** Stakater Reloader rolls a Deployment (or StatefulSet) whose annotation names a Secret when that Secret changes. */
export function secretRolloutAnnotations(app: ResolvedApp): Record<string, string> {
  if (!app.secrets?.reloadOnChange) return {};
  return { [ANNOTATION.reloaderSecret]: appSecretName(app.name) };
}

/** A worker without probes says why on its Deployment, where the policy (`health-declared`) and review read it. */
function noHealthAnnotation(app: ResolvedApp): Record<string, string> {
  return app.noHealthEndpoint === undefined ? {} : { [ANNOTATION.noHealthEndpoint]: app.noHealthEndpoint };
}

function intOrString(value: string | number): k8s.IntOrString {
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}
