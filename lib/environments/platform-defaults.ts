import { deepFreeze } from '../internal/deep-freeze';
import { KUBERNETES_VERSION } from '../model/kubernetes-version';
import { Replicas } from '../model/replicas';

/**
 * The platform's own defaults: the lowest layer of resolution. Changing a value here changes
 * the output of every app that does not set it, so treat each as API. Deep-frozen (and readonly
 * in its type): a caller that changed a default would change it for every later app and run.
 */
export const PLATFORM_DEFAULTS = deepFreeze({
  webServiceReplicas: Replicas.fixed(1),
  workerReplicas: Replicas.fixed(1),
  cpuUtilization: 70,
  resources: { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi', ephemeralStorageLimit: '1Gi' },
  maxUnavailable: 1,
  /** Evict pods that never became ready even when the disruption budget is spent: they serve nothing. */
  unhealthyPodEvictionPolicy: 'AlwaysAllow',
  /**
   * Deployment rollouts: old ReplicaSets kept for `kubectl rollout undo`, and the surge and loss
   * allowed while replacing pods. Web services never drop below the desired count; workers may.
   */
  rollout: {
    revisionHistoryLimit: 5,
    'web-service': { maxSurge: '25%', maxUnavailable: 0 },
    worker: { maxSurge: '25%', maxUnavailable: '25%' },
  },
  /** HPA behaviour: scale up at once, scale down slowly: flapping costs more than a few idle pods. */
  autoscaling: {
    scaleUp: { stabilizationWindowSeconds: 0, percent: 100, periodSeconds: 30 },
    scaleDown: { stabilizationWindowSeconds: 300, percent: 50, periodSeconds: 60 },
  },
  /**
   * Where the pods of a Deployment go: spread over zones, then nodes, preferred rather than
   * required, so a small or single-zone cluster still schedules them.
   */
  topologySpread: { topologyKeys: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'], maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' },
  /** The writable /tmp every app container gets (an emptyDir: the root filesystem is read-only), unless the app sets `scratchSize`. */
  scratchSize: '64Mi',
  /**
   * Persistent volumes: claimed from the cluster's default StorageClass (no `storageClassName`)
   * unless the environment names one, and mounted by one node at a time, which every class supports.
   */
  storage: { accessMode: 'ReadWriteOnce' },
  /**
   * Stateful services: one pod unless the app says (a second copy of stateful software is not a
   * replica until the software replicates); pods start and stop one at a time, in order
   * (OrderedReady), and roll one at a time from the highest ordinal (RollingUpdate), so a
   * single-instance service never runs two copies. Peers find each other before they are ready
   * through the headless Service (publishNotReadyAddresses), as clustered stores need to bootstrap.
   */
  statefulService: { replicas: Replicas.fixed(1), podManagementPolicy: 'OrderedReady', updateStrategy: 'RollingUpdate', publishNotReadyAddresses: true },
  /**
   * Pods with a persistent volume (stateful services, in-cluster data stores, apps with a claim):
   * the volume is made the pod group's (fsGroup) only when its root is not yet, so a large volume
   * does not delay every start with a recursive chown.
   */
  fsGroupChangePolicy: 'OnRootMismatch',
  logLevel: 'info',
  imagePullPolicy: 'IfNotPresent',
  /**
   * Production pulls every time: on shared nodes a cached image would let a pod start without its
   * pull secret being checked (another tenant's pull), and a moved tag is noticed.
   */
  productionImagePullPolicy: 'Always',
  /** Sidecars and init containers (a proxy, a migration) need less than the app: a smaller profile, memory limit = request. */
  sidecarResources: { cpu: '50m', memory: '64Mi', ephemeralStorage: '32Mi', ephemeralStorageLimit: '256Mi' },
  /** The clusters' Kubernetes minor when an environment does not say: the one the schemas target. */
  kubernetesVersion: KUBERNETES_VERSION,
  namespacePattern: '{team}',
  port: 8080,
  protocol: 'http',
  httpHealthPath: '/healthz',
  /** UID and GID >= 10000 so they never collide with a node's system accounts. */
  runAsUser: 10001,
  gracePeriodSeconds: 30,
  /** Web services wait this long before SIGTERM so endpoints drain; only with the sleep action (Kubernetes >= 1.30), which needs nothing from the image. */
  webPreStopSeconds: 5,
  probe: { readinessPeriodSeconds: 5, livenessPeriodSeconds: 10, livenessFailureThreshold: 6, startupSeconds: 120, timeoutSeconds: 2 },
  quota: { requestsCpu: '20', requestsMemory: '40Gi', limitsMemory: '40Gi', requestsEphemeralStorage: '50Gi', pods: 200 },
  /**
   * Data stores: external unless the environment runs them in the cluster. In-cluster stores are
   * for dev: one pod, a volume, the engine's official image running as a non-root UID/GID >= 10000
   * (the image's own UID + 10000, so a glance tells which it is) that owns the volume through
   * fsGroup, with its data on that volume; Postgres trusts connections because only the owning app
   * may reach it (NetworkPolicy).
   */
  dataStores: {
    placement: 'external',
    storage: '1Gi',
    /** One pod: a dev store needs no failover, and a second replica of these engines would not be one. */
    replicas: 1,
    /** Engine images are pinned tags: the cached copy is the right one. */
    imagePullPolicy: 'IfNotPresent',
    /** One pod mounts the volume; every storage class supports it. */
    accessMode: 'ReadWriteOnce',
    /** A drain may take the one pod down: a dev store blocking node upgrades would cost more than its downtime. */
    maxUnavailable: 1,
    /** The pod around every engine: scratch space, shutdown, and exec probe timing (readiness, liveness, startup). */
    pod: {
      ephemeralStorage: '64Mi',
      ephemeralStorageLimit: '1Gi',
      scratchSize: '64Mi',
      gracePeriodSeconds: 30,
      timeoutSeconds: 2,
      readiness: { periodSeconds: 5, failureThreshold: 3 },
      liveness: { periodSeconds: 10, failureThreshold: 6 },
      startup: { periodSeconds: 5, failureThreshold: 24 },
    },
    engines: {
      postgres: {
        /**
         * The Debian variant: for a UID the image has no passwd entry for, its entrypoint fakes one
         * (nss_wrapper), which initdb needs. PGDATA is a folder inside the volume, as initdb wants
         * an empty folder and a fresh volume's root may hold lost+found.
         */
        image: 'postgres:16.4-bookworm',
        port: 5432,
        /** The user (and database) the image creates when a shared store names none. */
        user: 'postgres',
        uid: 10070,
        dataPath: '/var/lib/postgresql/data',
        cpu: '100m',
        memory: '256Mi',
        env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_HOST_AUTH_METHOD: 'trust' },
        args: [] as readonly string[],
        writableDirs: ['/var/run/postgresql'],
        probeCommand: ['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'],
      },
      redis: {
        image: 'redis:7.4-alpine',
        port: 6379,
        uid: 10999,
        dataPath: '/data',
        cpu: '50m',
        memory: '128Mi',
        env: {},
        /** The append-only file and snapshots go to the volume (`--dir`), not to the working folder of the image. */
        args: ['--appendonly', 'yes', '--dir', '/data'],
        writableDirs: [] as readonly string[],
        probeCommand: ['redis-cli', 'ping'],
      },
    },
  },
  /** Pod Security admission level and the Kubernetes minor whose rules apply. */
  podSecurity: { level: 'restricted', version: `v${KUBERNETES_VERSION}` },
  gitops: {
    targetRevision: 'main',
    path: 'dist',
    argocdNamespace: 'argocd',
    project: 'default',
    maxDropShare: 0.25,
    syncPolicy: {
      /** Git is the truth: what was removed there is removed from the cluster (the synth guard stops mass deletions). */
      prune: true,
      /** A change made by hand is reverted, so the cluster never drifts from the reviewed tree. */
      selfHeal: true,
      /** Deleting an Application deletes what it deployed, rather than orphaning it. */
      finalizer: true,
      /** Dependents go before their owners, and pruning waits until everything else has synced. */
      syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true'],
      /** A sync that fails on a transient error (a webhook not ready yet) retries for about 5 minutes. */
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
    },
  },
  /**
   * Where pods resolve names: CoreDNS as every major distribution labels it (k8s-app=kube-dns in
   * kube-system), on port 53. Clusters with NodeLocal DNSCache or another resolver set `dns`.
   */
  dns: { peers: [{ kind: 'pods', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }], port: 53 },
  /**
   * Environments that serve production traffic when they do not say (`Environment.production`):
   * prod-only policy rules apply there, and the catalog marks their apps 'production'.
   */
  productionEnvironmentNames: ['prod', 'production'],
  /**
   * Namespaces no team may own (as its name or its namespace), besides those each environment names
   * (Argo CD's, Prometheus's, the ingress controller's or gateway's): the cluster's own (`kube-*`,
   * `default`) and those of cert-manager and External Secrets Operator, which environments do not
   * name. A team's Application prunes and may cascade-delete its namespace when it is removed.
   */
  reservedNamespaces: { prefixes: ['kube-'], names: ['default', 'cert-manager', 'external-secrets'] },
  /** How public apps are reached, per environment unless apps/environments.ts sets `ingress`: ingress-nginx with cert-manager TLS. */
  ingress: { mode: 'ingress', className: 'nginx', controllerNamespace: 'ingress-nginx', clusterIssuer: 'letsencrypt' },
  /** An app is internal unless it says `expose: Exposure.public()`; a public app without `paths` gets the whole host. */
  exposure: { kind: 'internal', paths: ['/'] },
  /** The store ExternalSecrets read from, unless the environment names its own (`secretStore`). */
  secretStore: { kind: 'ClusterSecretStore', name: 'platform' },
  /** How often External Secrets Operator re-reads each secret (`secretRefreshInterval`). */
  secretRefreshInterval: '1h',
  /** Whether a changed secret env var rolls the pods (`secretRollout`): off unless the environment runs Stakater Reloader. */
  secretRollout: 'none',
  /**
   * The pack at admission (`admission`): Kyverno, because it serves every cluster version the
   * platform targets (native ValidatingAdmissionPolicy is GA only from 1.30), and audit, so turning
   * it on never blocks a deploy: an environment opts in to 'deny' once its audit reports are clean.
   * PolicyExceptions live in Kyverno's own namespace, where teams cannot write.
   */
  admission: { engine: 'kyverno', action: 'audit', vapFeatureGate: false, exceptionNamespace: 'kyverno' },
  task: {
    timeZone: 'Etc/UTC',
    startingDeadlineSeconds: 300,
    activeDeadlineSeconds: 3600,
    backoffLimit: 2,
    ttlSecondsAfterFinished: 86400,
    concurrencyPolicy: 'Forbid',
    /** A failed run restarts in its pod; 'Never' (per task) retries in a fresh pod. */
    restartPolicy: 'OnFailure',
    /** Finished Jobs kept for `kubectl logs` after a run, by outcome. */
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
  },
  /**
   * Batch jobs: one pod running once, retried 3 times, killed after a day (a training run may be
   * long, a hung one must not hold a GPU forever). Disruptions (preemption, spot reclaim, a drain)
   * are not failures: the pod is simply re-run, so a reclaimed spot node does not use up the retries.
   */
  batch: {
    parallelism: 1,
    completions: 1,
    completionMode: 'NonIndexed',
    backoffLimit: 3,
    activeDeadlineSeconds: 86400,
    ignoreDisruptions: true,
    /** The extended resource the NVIDIA device plugin advertises. */
    gpuResource: 'nvidia.com/gpu',
    /** GPU node pools are tainted so that only pods asking for GPUs land there (the GKE and EKS convention). */
    gpuTaint: { key: 'nvidia.com/gpu', effect: 'NoSchedule' },
  },
  monitoring: {
    metricsPath: '/metrics',
    prometheusNamespace: 'monitoring',
    scrapeInterval: '30s',
    ruleLabels: { release: 'kube-prometheus-stack' },
    monitorLabels: { release: 'kube-prometheus-stack' },
    grafanaUrl: 'https://grafana.{domain}',
    runbookUrl: 'https://runbooks.{domain}/golden-path/{alert}',
    dashboardLabels: { grafana_dashboard: '1' },
    dashboardFolderAnnotation: 'grafana_folder',
    dashboardFolder: '{team}',
    /**
     * The metric names the golden path expects, by protocol. HTTP: the Prometheus client
     * libraries' `http_requests_total{code}` and `http_request_duration_seconds`; an error is a 5xx.
     * gRPC: the grpc-ecosystem interceptors' names; an error is a code HTTP maps to 5xx
     * (Unknown, Internal, DataLoss: 500; Unimplemented: 501; Unavailable: 503; DeadlineExceeded: 504).
     */
    conventions: {
      http: { requests: 'http_requests_total', codeLabel: 'code', errorCodes: '5..', latencyHistogram: 'http_request_duration_seconds' },
      grpc: {
        requests: 'grpc_server_handled_total',
        codeLabel: 'grpc_code',
        errorCodes: 'Unknown|Internal|DataLoss|Unimplemented|Unavailable|DeadlineExceeded',
        latencyHistogram: 'grpc_server_handling_seconds',
      },
    },
    /** Every SLO is over this rolling period; the burn-rate factors below assume it. */
    period: '30d',
    /** SLI windows with recording rules: every window an alert or dashboard reads. */
    windows: ['5m', '30m', '1h', '2h', '6h', '1d', '3d'],
    /**
     * Multi-window, multi-burn-rate alerts (Google SRE workbook, ch. 5): 14.4x over 1h spends 2% of
     * a 30-day budget, 6x over 6h 5%, 3x over 1d 10%, 1x over 3d 10%.
     */
    burnRateAlerts: [
      { severity: 'critical', longWindow: '1h', shortWindow: '5m', factor: 14.4, for: '2m' },
      { severity: 'critical', longWindow: '6h', shortWindow: '30m', factor: 6, for: '15m' },
      { severity: 'warning', longWindow: '1d', shortWindow: '2h', factor: 3, for: '1h' },
      { severity: 'warning', longWindow: '3d', shortWindow: '6h', factor: 1, for: '3h' },
    ],
    /** No healthy target for this long raises ScrapeTargetMissing: critical when the app has SLOs (they are blind without it). */
    targetMissingFor: '5m',
  },
  /** The hardened path (`hardened` on an app, `hardening` on an environment). */
  hardened: {
    /** The in-cluster certificate of a hardened app (cert-manager renews it at two thirds of its life). */
    tls: {
      /** ECDSA P-256: as strong as RSA 3072 at a fraction of the handshake cost. */
      privateKey: { algorithm: 'ECDSA', size: 256 },
      /** A fresh key at every renewal, so a leaked key is good for one certificate's life at most. */
      rotateKey: true,
      /** 30 days: short-lived, since renewal is automatic and a compromised certificate expires soon. */
      duration: '720h',
    },
    /** Time zone of a production sync window that names none. */
    syncWindowTimeZone: 'Etc/UTC',
  },
} as const);
