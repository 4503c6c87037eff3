import { batchJob, Dependency, Secret, Volume } from '../platform';

/** Trains the fraud model once per release: on a T4 before prod, on four A100s on spot capacity in prod. */
export default batchJob({
  name: 'fraud-model-training',
  team: 'payments',
  description: 'Trains the fraud-scoring model on the last 90 days of payments and publishes it to the model registry.',
  image: 'ghcr.io/acme/fraud-model-training',
  command: ['python', '-m', 'fraud.train'],
  env: { DATA_BUCKET: 's3://acme-payments-features', CHECKPOINT_DIR: '/checkpoints' },
  secrets: { REGISTRY_TOKEN: Secret.ref('payments/fraud-model/registry', 'token') },
  gpu: { count: 1, type: 't4' },
  resources: { cpu: '4', memory: '24Gi', cpuLimit: '8', memoryLimit: '32Gi', ephemeralStorage: '1Gi', ephemeralStorageLimit: '20Gi' },
  sharedMemory: '8Gi',
  // A reclaimed spot pod resumes from its last checkpoint: the claim outlives pods and releases.
  volumes: { checkpoints: Volume.persistent({ path: '/checkpoints', size: '100Gi' }) },
  activeDeadlineSeconds: 43200,
  dependsOn: [
    Dependency.host('feature-bucket', { host: 's3.eu-west-1.amazonaws.com', port: 443, cidrs: ['52.218.0.0/17'] }),
    Dependency.host('model-registry', { host: 'models.acme.internal', port: 443, cidrs: ['10.50.0.0/16'] }),
  ],
  environments: {
    prod: { gpu: { count: 4, type: 'a100' }, spot: true, resources: { cpu: '8', memory: '32Gi', cpuLimit: '16', memoryLimit: '36Gi' } },
  },
});
