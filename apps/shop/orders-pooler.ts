import { Dependency, webService } from '../platform';
import ordersDb from './orders-db';

export default webService({
  name: 'orders-pooler',
  team: 'shop',
  description: "PgBouncer in front of the orders database: pools the shop services' connections.",
  image: 'ghcr.io/acme/orders-pooler',
  // A plain TCP port, named for what it speaks; callers dial the usual 5432, PgBouncer listens on 6432.
  ports: { postgres: { port: 6432, servicePort: 5432, protocol: 'tcp', appProtocol: 'postgresql' } },
  resources: { cpu: '100m', memory: '128Mi' },
  // The shared store, as the URL PgBouncer reads (its user and database come from the store's definition).
  dependsOn: [Dependency.on(ordersDb, { url: 'postgresql://{user}@{host}:{port}/{database}', env: 'DATABASE_URL' })],
});
