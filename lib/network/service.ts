import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/**
 * A ClusterIP Service on the serving ports (each Service port sent to its container port by name,
 * with its `appProtocol`), selecting the app's pods by their stable labels; it also exposes the
 * metrics port when the app is scraped through its Service (`metricsOnService`).
 */
export function appService(scope: Construct, app: ResolvedApp): k8s.KubeService {
  if (app.servicePorts.length === 0) throw new Error(`bug: ${app.name} has no serving port but a Service was requested`);
  return new k8s.KubeService(scope, 'service', {
    metadata: appMetadata(app),
    spec: {
      type: 'ClusterIP',
      selector: { ...app.selector },
      // A hardened app's serving ports speak TLS: 'https' tells meshes and gateways not to send plain HTTP.
      ports: [
        ...app.servicePorts.map((p) => servicePort(p.name, p.port, app.hardening?.tls && p.appProtocol === 'http' ? 'https' : p.appProtocol)),
        ...metricsPorts(app),
      ],
    },
  });
}

function servicePort(name: string, port: number, appProtocol: string): k8s.ServicePort {
  return { name, port, targetPort: k8s.IntOrString.fromString(name), protocol: 'TCP', appProtocol };
}

function metricsPorts(app: ResolvedApp): k8s.ServicePort[] {
  const scrape = app.monitoring?.scrape;
  if (!scrape?.throughService) return [];
  const port = app.ports.find((p) => p.name === scrape.port);
  if (!port) throw new Error(`bug: ${app.name} scrapes port '${scrape.port}' but declares no such port`);
  return [servicePort(port.name, port.port, 'http')];
}
