import { Construct } from 'constructs';
import { HttpRoute, HttpRouteSpecRulesMatchesPathType } from '../../imports/httproute-gateway.networking.k8s.io';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

export { HttpRoute } from '../../imports/httproute-gateway.networking.k8s.io';

/**
 * A public app's gateway.networking.k8s.io/v1 HTTPRoute (environments in gateway mode): attached
 * to the platform's shared Gateway (and listener, when one is named), for the app's host, with one
 * rule whose PathPrefix matches send traffic to the app's Service on its serving port. TLS is the
 * Gateway listener's job (its certificate covers the environment's hosts), so nothing here asks
 * for a certificate; the Gateway must allow routes from the app's namespace. Absent for internal
 * apps and in ingress mode. Every value comes resolved from `app.exposure`.
 */
export function appHttpRoute(scope: Construct, app: ResolvedApp): HttpRoute | undefined {
  const exposure = app.exposure;
  if (exposure?.mode !== 'gateway') return undefined;
  const { gateway, backend } = exposure;
  return new HttpRoute(scope, 'http-route', {
    metadata: appMetadata(app),
    spec: {
      parentRefs: [{ name: gateway.name, namespace: gateway.namespace, ...(gateway.sectionName !== undefined ? { sectionName: gateway.sectionName } : {}) }],
      hostnames: [exposure.host],
      rules: [
        {
          matches: exposure.paths.map((value) => ({ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value } })),
          backendRefs: [{ name: backend.service, port: backend.port.port }],
        },
      ],
    },
  });
}
