import { Peer, Replicas, webService } from '../platform';

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
  shutdown: { gracePeriodSeconds: 45, preStopSeconds: 10 },
  network: {
    ingress: [Peer.app('checkout-api', { namespace: 'shop' })],
    egress: [Peer.cidr('203.0.113.0/24', { port: 443 })],
  },
  environments: { prod: { replicas: Replicas.autoscale({ min: 3, max: 12, cpuUtilization: 60 }) } },
});
