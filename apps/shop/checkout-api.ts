import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import paymentGateway from '../payments/payment-gateway';
import { Health, Secret, webService } from '../platform';
import ordersPooler from './orders-pooler';

export default webService({
  name: 'checkout-api',
  team: 'shop',
  description: 'HTTP API that turns a cart into an order and charges it through the payment gateway; gRPC for order status.',
  image: 'ghcr.io/acme/checkout-api',
  // Callers dial the Service on 80 (HTTP) and 9999 (gRPC); the process listens on 8080 and 9999.
  ports: { http: { port: 8080, servicePort: 80 }, grpc: { port: 9999 } },
  health: Health.http('/healthz/ready', { livenessPath: '/healthz/live' }),
  metricsPort: 9090,
  slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } },
  config: { ORDER_TIMEOUT: '10s' },
  // The image reads its settings from /app/config, not /etc/checkout-api.
  configFiles: { 'checkout.yaml': readFileSync(join(__dirname, 'checkout.yaml'), 'utf8') },
  configFilesPath: '/app/config',
  secrets: { DATABASE_PASSWORD: Secret.ref('shop/checkout-api/database', 'password') },
  // Schema migrations run before each new version starts, with the app's settings (DATABASE_PASSWORD).
  initContainers: [{ name: 'migrate', image: 'ghcr.io/acme/checkout-api', command: ['/app/migrate', 'up'], appEnv: true }],
  dependsOn: [paymentGateway, ordersPooler],
  environments: { dev: { config: { ORDER_TIMEOUT: '60s' } } },
  // Extra object: a business alert the SLO rules cannot express (orders stop while requests succeed).
  // Paged in prod only; elsewhere it warns. The rule labels make the environment's Prometheus load it.
  objects: ({ production, app }) => [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'checkout-api-orders', labels: app.monitoring?.ruleLabels },
      spec: {
        groups: [
          {
            name: 'checkout-api-orders',
            rules: [
              {
                alert: 'CheckoutNoOrders',
                expr: 'sum(increase(checkout_orders_placed_total{job="checkout-api"}[30m])) == 0',
                for: '15m',
                labels: { severity: production ? 'critical' : 'warning', team: 'shop', service: 'checkout-api' },
                annotations: { summary: 'checkout-api placed no order in 30 minutes', runbook_url: 'https://runbooks.acme.dev/shop/checkout-no-orders' },
              },
            ],
          },
        ],
      },
    },
  ],
});
