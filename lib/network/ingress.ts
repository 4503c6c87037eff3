import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

/**
 * A public app's networking.k8s.io/v1 Ingress (environments in ingress mode): one rule for its
 * host, a Prefix path per declared path to the app's Service port (by name), and TLS for the host
 * in the Secret `<app>-tls`. The `cert-manager.io/cluster-issuer` annotation makes cert-manager's
 * ingress-shim issue that certificate; no Certificate object is written. Absent for internal apps
 * and in gateway mode. Every value comes resolved from `app.exposure`.
 */
export function appIngress(scope: Construct, app: ResolvedApp): k8s.KubeIngress | undefined {
  const exposure = app.exposure;
  if (exposure?.mode !== 'ingress') return undefined;
  const metadata = appMetadata(app);
  const backend: k8s.IngressBackend = { service: { name: exposure.backend.service, port: { name: exposure.backend.port.name } } };
  return new k8s.KubeIngress(scope, 'ingress', {
    metadata: { ...metadata, annotations: { ...metadata.annotations, ...exposure.annotations } },
    spec: {
      ingressClassName: exposure.className,
      tls: [{ hosts: [exposure.host], secretName: exposure.tlsSecretName }],
      rules: [{ host: exposure.host, http: { paths: exposure.paths.map((path) => ({ path, pathType: 'Prefix', backend })) } }],
    },
  });
}
