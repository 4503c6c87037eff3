/** What every public exposure has, whichever object carries it. */
interface ResolvedExposureBase {
  /** The full host name: `<host>.<environment domain>`, or the domain itself for '@'. */
  readonly host: string;
  /** Path prefixes, as declared (each starts with '/'). */
  readonly paths: readonly string[];
  /** The Service and Service port that traffic is sent to: the app's own, on its primary serving port (`targetPort`: the container's). */
  readonly backend: { readonly service: string; readonly port: { readonly name: string; readonly port: number; readonly targetPort: number } };
  /** Namespace whose pods the NetworkPolicy lets in on the serving port: the controller's or the gateway proxies'. */
  readonly sourceNamespace: string;
}

/** A networking.k8s.io/v1 Ingress with TLS from cert-manager. */
export interface ResolvedIngressExposure extends ResolvedExposureBase {
  readonly mode: 'ingress';
  readonly className: string;
  /** Secret cert-manager writes the certificate to: `<app>-tls`. */
  readonly tlsSecretName: string;
  /** The issuer annotation, and the backend protocol for gRPC, sorted by key. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** A gateway.networking.k8s.io/v1 HTTPRoute attached to the environment's Gateway (which terminates TLS). */
export interface ResolvedGatewayExposure extends ResolvedExposureBase {
  readonly mode: 'gateway';
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
}

/** A public app in one environment, every value explicit. Absent from ResolvedApp when the app is internal. */
export type ResolvedExposure = ResolvedIngressExposure | ResolvedGatewayExposure;
