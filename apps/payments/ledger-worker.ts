import { Health, Peer, Replicas, worker } from '../platform';

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
  network: { egress: [Peer.cidr('10.30.0.0/16', { port: 5672 }), Peer.cidr('10.40.0.0/16', { port: 5432 })] },
  environments: { prod: { replicas: Replicas.autoscale({ min: 2, max: 8, cpuUtilization: 80 }) } },
});
