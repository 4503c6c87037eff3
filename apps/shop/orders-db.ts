import { dataStore, Secret } from '../platform';

// The shop's orders, behind the shop's orders-pooler and shared with payments' ledger-worker. In the cluster in dev (the environment's
// choice) and staging (seeded for the demo), managed in prod.
export default dataStore({
  name: 'orders-db',
  team: 'shop',
  engine: 'postgres',
  image: 'ghcr.io/acme/orders-db-seeded:2024-06-01',
  database: 'orders',
  user: 'orders',
  password: Secret.ref('shop/orders-db', 'password'),
  settings: { POSTGRES_INITDB_ARGS: '--data-checksums' },
  inCluster: ['staging'],
  external: { prod: { host: 'orders-db.prod.internal', cidrs: ['10.40.0.0/16'] } },
});
