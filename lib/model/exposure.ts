/**
 * Whether a web service is reachable from outside the cluster. Plain data (so definitions and
 * tests can build it), made with the `Exposure` factories:
 *
 * ```ts
 * expose: Exposure.public()                                   // https://<app>.<environment domain>/
 * expose: Exposure.public({ host: 'shop' })                   // https://shop.acme.dev/ in prod, https://shop.dev.acme.dev/ in dev
 * expose: Exposure.public({ host: 'api', paths: ['/v1'] })    // https://api.acme.dev/v1...
 * expose: Exposure.public({ host: '@' })                      // the environment's bare domain, https://acme.dev/
 * expose: Exposure.public({ fqdn: 'pay.acme.com' })           // a name of its own, outside the environment's domain
 * expose: Exposure.internal()                                 // the default: no Ingress or HTTPRoute
 * ```
 *
 * How a public app is reached is the platform's choice per environment (`Environment.ingress`):
 * an Ingress with TLS from cert-manager, or an HTTPRoute attached to a shared Gateway.
 */

/** The host label that stands for the environment's bare domain (as in DNS zone files). */
export const APEX_HOST = '@';

export interface PublicExposureOptions {
  /**
   * The host's first label, put in front of the environment's domain: `'shop'` is
   * `shop.acme.dev` in an environment whose domain is `acme.dev`. A lowercase DNS label, or
   * `'@'` for the bare domain itself. (`''` is an error rather than the bare domain, so an empty
   * variable cannot silently claim the apex.)
   * @default - the app's name
   */
  readonly host?: string;
  /**
   * A fully qualified host name of the app's own (`'pay.acme.com'`), instead of `<host>.<domain>`;
   * the Ingress's TLS certificate is issued for it. Per environment through
   * `environments.<env>.expose`. Exclusive with `host`. In gateway mode the Gateway's listener
   * must accept the name (its certificate covers the environment's domain only).
   * @default - `<host>.<environment domain>`
   */
  readonly fqdn?: string;
  /**
   * Path prefixes routed to the app, each starting with '/'. A prefix matches whole path
   * segments: '/api' matches '/api' and '/api/orders', not '/apix'.
   * @default ['/']
   */
  readonly paths?: readonly string[];
}

/** Reachable from the internet at `https://<host>.<environment domain><path>`. */
export interface PublicExposure extends PublicExposureOptions {
  readonly kind: 'public';
}

/** Reachable only from inside the cluster, by the callers the app declares in `network.ingress`. */
export interface InternalExposure {
  readonly kind: 'internal';
}

export type Exposure = PublicExposure | InternalExposure;
export type ExposureKind = Exposure['kind'];
export const EXPOSURE_KINDS: readonly ExposureKind[] = ['public', 'internal'];

export const Exposure = {
  public: (options: PublicExposureOptions = {}): PublicExposure => ({ kind: 'public', ...options }),
  internal: (): InternalExposure => ({ kind: 'internal' }),
};
