import { Health, Replicas, statefulService, Volume } from '../platform';

export default statefulService({
  name: 'search-index',
  team: 'shop',
  description: 'Full-text product search; each pod builds and keeps its own copy of the index on its volume.',
  image: 'ghcr.io/acme/search-index',
  port: 7700,
  health: Health.http('/health'),
  volumes: { index: Volume.persistent({ path: '/var/lib/search', size: '20Gi' }) },
  environments: { prod: { replicas: Replicas.fixed(3) } },
});
