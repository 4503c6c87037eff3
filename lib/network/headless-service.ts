import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/**
 * The headless Service a StatefulSet names (`<app>-headless`): no cluster IP, one DNS record per
 * pod (`<app>-0.<app>-headless.<namespace>.svc`), so peers and clients that need one particular
 * pod reach it by a stable name. It lists pods before they are ready when the app resolves so
 * (peers of a clustered store must find each other to become ready at all). A headless Service
 * does no port mapping (callers reach the pod's address), so its ports are the container ports.
 */
export function appHeadlessService(scope: Construct, app: ResolvedApp): k8s.KubeService {
  const s = app.statefulSet;
  if (app.servicePorts.length === 0 || !s) throw new Error(`bug: ${app.source}: a headless Service for an app without a serving port or StatefulSet settings`);
  return new k8s.KubeService(scope, 'headless-service', {
    metadata: appMetadata(app, s.serviceName),
    spec: {
      clusterIp: 'None',
      publishNotReadyAddresses: s.publishNotReadyAddresses,
      selector: { ...app.selector },
      ports: app.servicePorts.map((p) => ({
        name: p.name,
        port: p.targetPort,
        targetPort: k8s.IntOrString.fromString(p.name),
        protocol: 'TCP',
        appProtocol: p.appProtocol,
      })),
    },
  });
}
