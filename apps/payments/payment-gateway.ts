import { Dependency, JsonPatch, Replicas, Secret, Shutdown, webService } from '../platform';
import cardVault from './card-vault';

export default webService({
  name: 'payment-gateway',
  team: 'payments',
  description: 'gRPC service that authorises and captures card payments.',
  image: 'ghcr.io/acme/payment-gateway',
  protocol: 'grpc',
  port: 50051,
  metricsPort: 9090,
  slo: { availability: 99.95, latency: { threshold: '250ms', objective: 99.9 }, metrics: { selector: { grpc_type: 'unary' } } },
  resources: { cpu: '300m', memory: '512Mi', cpuLimit: '1' },
  // The image has a shell, and the clusters run Kubernetes 1.28 (no sleep action): the delay is a command.
  shutdown: { gracePeriodSeconds: 45, preStop: Shutdown.exec(['sleep', '10'], { seconds: 10 }) },
  secrets: { CARD_NETWORK_API_KEY: Secret.ref('payments/payment-gateway/card-network', 'apiKey') },
  secretFiles: {
    'client.crt': Secret.ref('payments/payment-gateway/mtls', 'certificate'),
    'client.key': Secret.ref('payments/payment-gateway/mtls', 'privateKey'),
  },
  dependsOn: [Dependency.host('card-network', { host: 'api.cardnetwork.example', port: 443, cidrs: ['203.0.113.0/24'] }), cardVault],
  environments: { prod: { replicas: Replicas.autoscale({ min: 3, max: 12, cpuUtilization: 60 }) } },
  // Escape hatch: the card network audit wants every call to the gateway over the mesh's mTLS, and
  // the golden path has no mesh setting yet; Linkerd injects its proxy into pods with this annotation.
  customize: (stack) => stack.deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { 'linkerd.io/inject': 'enabled' })),
});
