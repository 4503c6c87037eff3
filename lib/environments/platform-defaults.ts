import { Replicas } from '../model/replicas';

/**
 * The platform's own defaults: the lowest layer of resolution. Changing a value here changes
 * the output of every app that does not set it, so treat each as API.
 */
export const PLATFORM_DEFAULTS = {
  webServiceReplicas: Replicas.fixed(1),
  workerReplicas: Replicas.fixed(1),
  cpuUtilization: 70,
  resources: { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi', ephemeralStorageLimit: '1Gi' },
  maxUnavailable: 1,
  logLevel: 'info',
  imagePullPolicy: 'IfNotPresent',
  namespacePattern: '{team}',
  port: 8080,
  protocol: 'http',
  httpHealthPath: '/healthz',
  /** UID and GID >= 10000 so they never collide with a node's system accounts. */
  runAsUser: 10001,
  gracePeriodSeconds: 30,
  webPreStopSeconds: 5,
  probe: { readinessPeriodSeconds: 5, livenessPeriodSeconds: 10, livenessFailureThreshold: 6, startupSeconds: 120, timeoutSeconds: 2 },
  task: {
    timeZone: 'Etc/UTC',
    startingDeadlineSeconds: 300,
    activeDeadlineSeconds: 3600,
    backoffLimit: 2,
    ttlSecondsAfterFinished: 86400,
    concurrencyPolicy: 'Forbid',
  },
} as const;
