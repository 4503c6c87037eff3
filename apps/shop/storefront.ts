import { Exposure, Health, Replicas, webService } from '../platform';
import checkoutApi from './checkout-api';
import searchIndex from './search-index';

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
  dependsOn: [checkoutApi, searchIndex],
  expose: Exposure.public({ host: 'shop' }),
  // Customers know the shop by its own name in prod; other environments keep shop.<domain>.
  environments: { prod: { replicas: Replicas.autoscale({ min: 4, max: 20 }), expose: Exposure.public({ fqdn: 'shop.acme.com' }) } },
});
