import { Health, Peer, webService } from '../platform';

export default webService({
  name: 'checkout-api',
  team: 'shop',
  description: 'HTTP API that turns a cart into an order and charges it through the payment gateway.',
  image: 'ghcr.io/acme/checkout-api',
  health: Health.http('/healthz/ready', { livenessPath: '/healthz/live' }),
  metricsPort: 9090,
  slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } },
  config: { PAYMENT_GATEWAY_ADDR: 'payment-gateway.payments.svc.cluster.local:50051', ORDER_TIMEOUT: '10s' },
  network: {
    ingress: [Peer.app('storefront')],
    egress: [Peer.app('payment-gateway', { namespace: 'payments', port: 50051 })],
  },
  environments: { dev: { config: { ORDER_TIMEOUT: '60s' } } },
});
