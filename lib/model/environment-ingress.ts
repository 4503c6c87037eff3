/**
 * How an environment's public apps (`expose: Exposure.public(...)`) are reached from outside the
 * cluster. Set by the platform team in apps/environments.ts; every field has a platform default.
 *
 * - `'ingress'` mode: each public app gets a networking.k8s.io/v1 Ingress of class `className`,
 *   with TLS for its host in the Secret `<app>-tls`, which cert-manager's ingress-shim issues
 *   from the ClusterIssuer `clusterIssuer`. The controller's pods (in `controllerNamespace`) are
 *   let in on the app's serving port.
 * - `'gateway'` mode: each public app gets a Gateway API HTTPRoute attached to the shared
 *   `gateway`. TLS is the Gateway listener's job (one certificate for the listener, e.g. a
 *   wildcard `*.<domain>` that cert-manager's gateway-shim issues from an annotation on the
 *   Gateway), so no certificate is requested per app. The Gateway must accept routes from the
 *   apps' namespaces (`allowedRoutes.namespaces`). The gateway's proxy pods (in
 *   `gateway.proxyNamespace`) are let in on the app's serving port.
 */
export interface EnvironmentIngress {
  /** Ingress objects, or HTTPRoutes to a shared Gateway. @default 'ingress' */
  readonly mode?: IngressMode;
  /** `ingressClassName` of every Ingress (ingress mode only). @default 'nginx' */
  readonly className?: string;
  /**
   * Namespace the ingress controller's pods run in: NetworkPolicies let it in on each public
   * app's serving port (ingress mode only). @default 'ingress-nginx'
   */
  readonly controllerNamespace?: string;
  /**
   * cert-manager ClusterIssuer that signs each public host's certificate (the
   * `cert-manager.io/cluster-issuer` annotation; ingress mode only). @default 'letsencrypt'
   */
  readonly clusterIssuer?: string;
  /** The Gateway every HTTPRoute attaches to. Required in gateway mode, not allowed otherwise. @default - none */
  readonly gateway?: GatewayReference;
}

export type IngressMode = 'ingress' | 'gateway';
export const INGRESS_MODES: readonly IngressMode[] = ['ingress', 'gateway'];

/** A shared gateway.networking.k8s.io/v1 Gateway that public apps' HTTPRoutes attach to. */
export interface GatewayReference {
  /** The Gateway's name. */
  readonly name: string;
  /** The Gateway's namespace. */
  readonly namespace: string;
  /** The listener to attach to, e.g. 'https'. @default - every listener of the Gateway that accepts the route */
  readonly sectionName?: string;
  /**
   * Namespace the gateway's proxy pods run in, which NetworkPolicies let in on each public app's
   * serving port. Some implementations run them elsewhere than the Gateway object (Envoy
   * Gateway: 'envoy-gateway-system'). @default - the Gateway's namespace
   */
  readonly proxyNamespace?: string;
}
