import { Dependency, scheduledTask } from '../platform';
import ordersDb from './orders-db';

export default scheduledTask({
  name: 'sales-report',
  team: 'shop',
  description: 'Nightly sales report, mailed to the shop leads.',
  image: 'ghcr.io/acme/sales-report',
  schedule: '30 5 * * *',
  timeZone: 'Europe/Berlin',
  activeDeadlineSeconds: 1800,
  // A retry starts in a fresh pod: a half-written report never survives into the next attempt.
  restartPolicy: 'Never',
  failedJobsHistoryLimit: 5,
  resources: { cpu: '500m', memory: '1Gi' },
  args: ['--since', '24h'],
  dependsOn: [Dependency.host('orders-replica', { host: 'orders-replica.shop.internal', port: 5432, cidrs: ['10.40.0.0/16'] })],
  // Dev has no replica: the report reads the seeded orders database there.
  environments: { dev: { suspend: true, dependsOn: [ordersDb] } },
});
