import { Environment, GitOpsSettings, Replicas } from '../lib/api/platform';

/** Where Argo CD reads the rendered tree from. */
export const gitops: GitOpsSettings = {
  repoURL: 'https://github.com/acme/platform-deploy.git',
  targetRevision: 'main',
  path: 'dist',
};

/**
 * The platform team's environments. Each is one cluster; apps get every value below unless
 * their definition or their per-environment override says otherwise.
 */
export const environments = [
  {
    name: 'dev',
    cluster: 'dev-eu-west-1',
    domain: 'dev.acme.dev',
    profile: {
      webServiceReplicas: Replicas.fixed(1),
      workerReplicas: Replicas.fixed(1),
      resources: { cpu: '50m', memory: '128Mi' },
      logLevel: 'debug',
      dataStores: 'in-cluster',
    },
    hardening: { internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' } },
    gpus: { t4: { nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' } } },
  },
  {
    name: 'staging',
    cluster: 'staging-eu-west-1',
    domain: 'staging.acme.dev',
    profile: {
      webServiceReplicas: Replicas.fixed(2),
      workerReplicas: Replicas.fixed(1),
      resources: { cpu: '100m', memory: '256Mi' },
    },
    hardening: { internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' } },
    gpus: { t4: { nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' } } },
  },
  {
    name: 'prod',
    cluster: 'prod-eu-west-1',
    domain: 'acme.dev',
    profile: {
      webServiceReplicas: Replicas.autoscale({ min: 3, max: 10 }),
      workerReplicas: Replicas.autoscale({ min: 2, max: 6 }),
      resources: { cpu: '250m', memory: '256Mi' },
      logLevel: 'info',
    },
    labels: { tier: 'production' },
    // Audited in dev and staging (the platform default); refused in prod.
    admission: { action: 'deny' },
    // Hardened apps (card data) run sandboxed on nodes of their own and reach prod in a reviewed window.
    hardening: {
      internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' },
      runtimeClassName: 'gvisor',
      nodePool: { nodeSelector: { 'acme.dev/pool': 'restricted' }, taint: { key: 'acme.dev/restricted', value: 'true', effect: 'NoSchedule' } },
      syncWindow: { schedule: '0 9 * * 1-4', duration: '3h' },
    },
    gpus: {
      a100: { nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-a100' } },
      t4: { nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' } },
    },
    spot: { nodeLabel: { key: 'cloud.google.com/gke-spot', value: 'true' }, taint: { key: 'cloud.google.com/gke-spot', value: 'true' } },
    // Kueue shares the GPU quota between teams: a LocalQueue 'batch' in every team namespace.
    kueue: { defaultQueue: 'batch' },
  },
] as const satisfies readonly Environment[];
