import { Dependency, Health, worker } from '../platform';
import storefront from './storefront';

export default worker({
  name: 'load-generator',
  team: 'shop',
  description: 'Browses the storefront in dev so its dashboards have traffic.',
  image: 'ghcr.io/acme/load-generator',
  only: ['dev'],
  health: Health.exec(['/app/load-generator', 'health']),
  dependsOn: [Dependency.on(storefront, { url: 'http://{host}:{port}/', env: 'TARGET_URL' })],
});
