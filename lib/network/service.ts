import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/** A ClusterIP Service on the serving port, selecting the app's pods by their stable labels. */
export function appService(scope: Construct, app: ResolvedApp): k8s.KubeService {
  const port = app.servicePort;
  if (!port) throw new Error(`bug: ${app.name} has no serving port but a Service was requested`);
  return new k8s.KubeService(scope, 'service', {
    metadata: appMetadata(app),
    spec: {
      type: 'ClusterIP',
      selector: { ...app.selector },
      ports: [{ name: port.name, port: port.port, targetPort: k8s.IntOrString.fromString(port.name), protocol: 'TCP', appProtocol: port.appProtocol }],
    },
  });
}
