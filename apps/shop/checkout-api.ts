import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import paymentGateway from '../payments/payment-gateway';
import { Health, Secret, webService } from '../platform';

export default webService({
  name: 'checkout-api',
  team: 'shop',
  description: 'HTTP API that turns a cart into an order and charges it through the payment gateway.',
  image: 'ghcr.io/acme/checkout-api',
  health: Health.http('/healthz/ready', { livenessPath: '/healthz/live' }),
  metricsPort: 9090,
  slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } },
  config: { ORDER_TIMEOUT: '10s' },
  configFiles: { 'checkout.yaml': readFileSync(join(__dirname, 'checkout.yaml'), 'utf8') },
  secrets: { DATABASE_PASSWORD: Secret.ref('shop/checkout-api/database', 'password') },
  dependsOn: [paymentGateway],
  environments: { dev: { config: { ORDER_TIMEOUT: '60s' } } },
});
