import { Dependency, Env, Health, Replicas, worker } from '../platform';
import ordersDb from '../shop/orders-db';

export default worker({
  name: 'ledger-worker',
  team: 'payments',
  description: 'Consumes payment events from the queue and writes them to the ledger.',
  image: 'ghcr.io/acme/ledger-worker',
  command: ['/app/ledger-worker'],
  health: Health.http('/healthz'),
  healthPort: 8081,
  metricsPort: 9090,
  slo: { availability: 99.9, metrics: { requests: 'ledger_events_processed_total', codeLabel: 'outcome', errorCodes: 'failed' } },
  env: { QUEUE_NAME: 'payment-events', BATCH_SIZE: '100' },
  // The queue consumer's tag: which pod holds a delivery.
  envRefs: { CONSUMER_TAG: Env.fieldRef('metadata.name') },
  // Pools the workers' connections to the ledger database; its image is pinned in apps/releases.yaml (ledger-worker/pgbouncer).
  sidecars: [{ name: 'pgbouncer', image: 'ghcr.io/acme/pgbouncer', port: 6432, health: Health.tcp() }],
  dependsOn: [
    // Reconciles payments against the shop's orders: a store of another team, shared.
    ordersDb,
    Dependency.host('payment-queue', { host: 'rabbitmq.payments.internal', port: 5672, cidrs: ['10.30.0.0/16'] }),
    // In the cluster in dev (the environment's choice); these addresses in staging and prod.
    Dependency.postgres('ledger-db', {
      external: {
        staging: { host: 'ledger-db.staging.internal', cidrs: ['10.41.0.0/16'] },
        prod: { host: 'ledger-db.prod.internal', cidrs: ['10.40.0.0/16'] },
      },
    }),
  ],
  environments: { prod: { replicas: Replicas.autoscale({ min: 2, max: 8, cpuUtilization: 80 }) } },
});
