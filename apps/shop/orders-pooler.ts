import { Dependency, webService } from '../platform';

export default webService({
  name: 'orders-pooler',
  team: 'shop',
  description: "PgBouncer in front of the orders database: pools the shop services' connections.",
  image: 'ghcr.io/acme/orders-pooler',
  // A plain TCP port, named for what it speaks; callers dial the usual 5432, PgBouncer listens on 6432.
  ports: { postgres: { port: 6432, servicePort: 5432, protocol: 'tcp', appProtocol: 'postgresql' } },
  resources: { cpu: '100m', memory: '128Mi' },
  dependsOn: [Dependency.host('orders-db', { host: 'orders-db.shop.internal', port: 5432, cidrs: ['10.40.0.0/16'] })],
});
