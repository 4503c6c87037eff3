import { Health, Peer, Replicas, webService } from '../platform';

export default webService({
  name: 'storefront',
  team: 'shop',
  description: 'Public web storefront: server-rendered pages for the shop.',
  image: 'ghcr.io/acme/storefront',
  port: 8080,
  health: Health.http('/readyz', { livenessPath: '/livez' }),
  metricsPort: 9090,
  slo: { availability: 99.5, latency: { threshold: '1s', objective: 95 } },
  resources: { cpu: '200m', memory: '384Mi' },
  env: { CHECKOUT_URL: 'http://checkout-api.shop.svc.cluster.local:8080' },
  network: {
    ingress: [Peer.namespace('ingress-nginx')],
    egress: [Peer.app('checkout-api', { port: 8080 })],
  },
  environments: { prod: { replicas: Replicas.autoscale({ min: 4, max: 20 }) } },
});
