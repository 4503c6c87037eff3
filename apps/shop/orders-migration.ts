import { batchJob, Dependency } from '../platform';

/** The orders schema migration, run once per release before the new checkout-api relies on it. */
export default batchJob({
  name: 'orders-migration',
  team: 'shop',
  description: 'Applies the orders database schema migrations of the release.',
  image: 'ghcr.io/acme/orders-migration',
  command: ['/app/migrate', 'up'],
  // A half-applied migration is retried once by hand, not in a loop.
  backoffLimit: 1,
  activeDeadlineSeconds: 1800,
  dependsOn: [Dependency.host('orders-db', { host: 'orders-db.shop.internal', port: 5432, cidrs: ['10.40.0.0/16'] })],
});
