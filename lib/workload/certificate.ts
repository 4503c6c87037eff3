import { Construct } from 'constructs';
import {
  Certificate,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecPrivateKeyRotationPolicy,
  CertificateSpecUsages,
} from '../../imports/certificate-cert-manager.io';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

export { Certificate } from '../../imports/certificate-cert-manager.io';

/**
 * The serving certificate of a hardened app's Service: cert-manager asks the environment's
 * internal issuer for it, for every in-cluster name of the Service, and keeps it renewed in the
 * Secret `<app>-internal-tls` (which carries the app's labels, data class included). Undefined for
 * apps on the standard path and for hardened apps without a Service.
 */
export function appCertificate(scope: Construct, app: ResolvedApp): Certificate | undefined {
  const tls = app.hardening?.tls;
  if (!tls) return undefined;
  return new Certificate(scope, 'certificate', {
    metadata: appMetadata(app),
    spec: {
      secretName: tls.secretName,
      secretTemplate: { labels: { ...app.labels } },
      dnsNames: [...tls.dnsNames],
      duration: tls.duration,
      issuerRef: { group: 'cert-manager.io', kind: tls.issuer.kind, name: tls.issuer.name },
      privateKey: {
        algorithm: CertificateSpecPrivateKeyAlgorithm[tls.privateKey.algorithm],
        size: tls.privateKey.size,
        rotationPolicy: tls.privateKey.rotate ? CertificateSpecPrivateKeyRotationPolicy.ALWAYS : CertificateSpecPrivateKeyRotationPolicy.NEVER,
      },
      usages: [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.DIGITAL_SIGNATURE],
    },
  });
}
