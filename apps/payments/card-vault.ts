import { Dependency, Secret, webService } from '../platform';

// On the hardened path: it holds card numbers (PCI DSS scope). Its images are pinned by digest in
// apps/releases.yaml; it serves TLS from /var/run/tls; only the payment gateway may call it.
export default webService({
  name: 'card-vault',
  team: 'payments',
  description: 'Tokenises card numbers: keeps each one encrypted and hands out a token in its place.',
  image: 'ghcr.io/acme/card-vault',
  port: 8443,
  metricsPort: 9090,
  hardened: { dataClass: 'pci' },
  resources: { cpu: '200m', memory: '256Mi', cpuLimit: '1' },
  secrets: { VAULT_DATA_KEY: Secret.ref('payments/card-vault/data-key', 'key') },
  dependsOn: [Dependency.host('kms', { host: 'kms.eu-west-1.amazonaws.com', port: 443, cidrs: ['52.94.0.0/22'] })],
});
