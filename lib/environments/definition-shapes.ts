import { AppOverride, BatchJobProps, NetworkOptions, ScheduledTaskProps, StatefulServiceProps, WebServiceProps, WorkerProps } from '../model/app-definition';
import { GpuRequest } from '../model/batch';
import { EmptyDirVolume, PersistentVolume } from '../model/volume';
import { DataStoreProps } from '../model/data-store-definition';
import { AppDependency, DataStoreDependency, ExternalDataStore, HostDependency } from '../model/dependency';
import { PublicExposure } from '../model/exposure';
import { HardenedOptions } from '../model/hardening';
import { AppPeer, CidrPeer, NamespacePeer } from '../model/peer';
import { AutoscaledReplicas, FixedReplicas } from '../model/replicas';
import { LatencySloProps, SloMetricsOptions, SloProps } from '../model/slo';
import { Waiver, WaiverTarget } from '../model/waiver';
import {
  CONTAINER,
  ENV_FROM,
  ENV_REF,
  HEALTH,
  POD_METADATA,
  RESOURCES,
  SECRET_REF,
  SECURITY,
  SERVICE_ACCOUNT,
  SERVING_PORT,
  SHUTDOWN,
  STRINGS,
  STRING_MAP,
} from './pod-shapes';
import type { ObjectShape, Shape } from './pod-shapes';
export type { ObjectShape, Shape } from './pod-shapes';
const REPLICAS: Shape = {
  noun: 'replicas',
  kinds: {
    fixed: { noun: 'fixed replicas', fields: { kind: 'string', count: 'number' } satisfies Record<keyof FixedReplicas, Shape> },
    autoscale: {
      noun: 'autoscaled replicas',
      fields: { kind: 'string', min: 'number', max: 'number', cpuUtilization: 'number', memoryUtilization: 'number' } satisfies Record<
        keyof AutoscaledReplicas,
        Shape
      >,
    },
  },
};
const VOLUME: Shape = {
  noun: 'a volume',
  kinds: {
    emptyDir: {
      noun: 'an emptyDir volume',
      fields: { kind: 'string', path: 'string', size: 'string', medium: 'string' } satisfies Record<keyof EmptyDirVolume, Shape>,
    },
    persistent: {
      noun: 'a persistent volume',
      fields: { kind: 'string', path: 'string', size: 'string', accessMode: 'string', storageClass: 'string' } satisfies Record<keyof PersistentVolume, Shape>,
    },
  },
};
const EXPOSURE: Shape = {
  noun: 'an exposure',
  kinds: {
    public: {
      noun: 'a public exposure',
      fields: { kind: 'string', host: 'string', fqdn: 'string', paths: STRINGS } satisfies Record<keyof PublicExposure, Shape>,
    },
    internal: { noun: 'an internal exposure', fields: { kind: 'string' } },
  },
};
const LATENCY: ObjectShape = {
  noun: 'a latency objective',
  fields: { threshold: 'string', objective: 'number' } satisfies Record<keyof LatencySloProps, Shape>,
};
const SLO_METRICS: ObjectShape = {
  noun: 'SLO metrics',
  fields: {
    convention: 'string',
    requests: 'string',
    codeLabel: 'string',
    errorCodes: 'string',
    latencyHistogram: 'string',
    selector: STRING_MAP,
  } satisfies Record<keyof SloMetricsOptions, Shape>,
};
const SLO: ObjectShape = {
  noun: 'an SLO',
  fields: { availability: 'number', latency: LATENCY, metrics: SLO_METRICS, runbookUrl: 'string' } satisfies Record<keyof SloProps, Shape>,
};
const PEER: Shape = {
  noun: 'a peer',
  kinds: {
    app: { noun: 'an app peer', fields: { kind: 'string', app: 'string', namespace: 'string', port: 'number' } satisfies Record<keyof AppPeer, Shape> },
    namespace: { noun: 'a namespace peer', fields: { kind: 'string', namespace: 'string', port: 'number' } satisfies Record<keyof NamespacePeer, Shape> },
    cidr: { noun: 'a CIDR peer', fields: { kind: 'string', cidr: 'string', port: 'number', protocol: 'string' } satisfies Record<keyof CidrPeer, Shape> },
  },
};
const NETWORK: ObjectShape = {
  noun: 'network options',
  fields: { ingress: { list: PEER }, egress: { list: PEER } } satisfies Record<keyof NetworkOptions, Shape>,
};
const EXTERNAL_STORE: ObjectShape = {
  noun: 'an external data store',
  fields: { host: 'string', port: 'number', cidrs: STRINGS } satisfies Record<keyof ExternalDataStore, Shape>,
};
const DEPENDS_ON: Shape = {
  noun: 'a dependency',
  fix: "import the app's definition, or name it with Dependency.on('team/name') (Dependency.host, .postgres and .redis for the others)",
  kinds: {
    app: {
      noun: 'an app dependency',
      fields: { kind: 'string', app: 'any', port: 'string', env: 'string', url: 'string' } satisfies Record<keyof AppDependency, Shape>,
    },
    host: {
      noun: 'a host dependency',
      fields: { kind: 'string', name: 'string', host: 'string', port: 'number', cidrs: STRINGS, protocol: 'string' } satisfies Record<
        keyof HostDependency,
        Shape
      >,
    },
    datastore: {
      noun: 'a data store dependency',
      fields: { kind: 'string', name: 'string', engine: 'string', external: { map: EXTERNAL_STORE }, storage: 'string' } satisfies Record<
        keyof DataStoreDependency,
        Shape
      >,
    },
    // An app or data store definition itself: checked as one of its own.
    'data-store': 'any',
    'web-service': 'any',
    worker: 'any',
    'scheduled-task': 'any',
    'stateful-service': 'any',
    'batch-job': 'any',
  },
};
const WAIVER: ObjectShape = {
  noun: 'a waiver',
  fields: {
    rule: 'string',
    environment: 'string',
    object: { noun: 'a waiver target', fields: { kind: 'string', name: 'string' } satisfies Record<keyof WaiverTarget, Shape> },
    reason: 'string',
    owner: 'string',
    expires: 'string',
  } satisfies Record<keyof Waiver, Shape>,
};
const GPU: ObjectShape = { noun: 'a GPU request', fields: { count: 'number', type: 'string' } satisfies Record<keyof GpuRequest, Shape> };
const OVERRIDE: ObjectShape = {
  noun: 'an environment override',
  fields: {
    replicas: REPLICAS,
    resources: RESOURCES,
    env: STRING_MAP,
    config: STRING_MAP,
    configFiles: STRING_MAP,
    secrets: { map: SECRET_REF },
    secretFiles: { map: SECRET_REF },
    imagePullPolicy: 'string',
    schedule: 'string',
    suspend: 'boolean',
    gpu: GPU,
    spot: 'boolean',
    expose: EXPOSURE,
    dependsOn: { list: DEPENDS_ON },
    slo: { noun: 'an SLO override', fields: { availability: 'number', latency: LATENCY } },
  } satisfies Record<keyof AppOverride, Shape>,
};
const APP = {
  kind: 'string',
  name: 'string',
  team: 'string',
  description: 'string',
  image: 'string',
  partOf: 'string',
  command: STRINGS,
  args: STRINGS,
  env: STRING_MAP,
  config: STRING_MAP,
  configFiles: STRING_MAP,
  configFilesPath: 'string',
  configFileModes: { map: 'number' },
  secrets: { map: SECRET_REF },
  secretFiles: { map: SECRET_REF },
  secretFilesPath: 'string',
  volumes: { map: VOLUME },
  scratchSize: 'string',
  resources: RESOURCES,
  envRefs: { map: ENV_REF },
  envFrom: { list: ENV_FROM },
  containerName: 'string',
  sidecars: { list: CONTAINER },
  initContainers: { list: CONTAINER },
  pod: POD_METADATA,
  serviceAccount: SERVICE_ACCOUNT,
  security: SECURITY,
  shutdown: SHUTDOWN,
  dependsOn: { list: DEPENDS_ON },
  network: NETWORK,
  imagePullPolicy: 'string',
  environments: { map: OVERRIDE },
  only: STRINGS,
  waivers: { list: WAIVER },
  hardened: { noun: 'hardened options', fields: { dataClass: 'string' } satisfies Record<keyof HardenedOptions, Shape> },
  customize: 'function',
  // Extra objects are checked against their Kubernetes schema after synthesis.
  objects: { oneOf: ['function', { list: 'any' }] },
} as const satisfies Readonly<Record<string, Shape>>;

/** What web and stateful services share: their serving ports, health and metrics. */
const SERVING = {
  ...APP,
  port: 'number',
  protocol: 'string',
  servicePort: 'number',
  ports: { map: SERVING_PORT },
  health: HEALTH,
  metricsPort: 'number',
  metricsPath: 'string',
  slo: SLO,
} as const;

const WEB_SERVICE = {
  ...SERVING,
  metricsOnService: 'boolean',
  replicas: REPLICAS,
  expose: EXPOSURE,
} satisfies Record<keyof WebServiceProps | 'kind', Shape>;

const WORKER = {
  ...APP,
  health: HEALTH,
  healthPort: 'number',
  metricsPort: 'number',
  metricsPath: 'string',
  slo: SLO,
  replicas: REPLICAS,
} satisfies Record<keyof WorkerProps | 'kind', Shape>;

const SCHEDULED_TASK = {
  ...APP,
  schedule: 'string',
  timeZone: 'string',
  startingDeadlineSeconds: 'number',
  activeDeadlineSeconds: 'number',
  backoffLimit: 'number',
  ttlSecondsAfterFinished: 'number',
  concurrencyPolicy: 'string',
  restartPolicy: 'string',
  successfulJobsHistoryLimit: 'number',
  failedJobsHistoryLimit: 'number',
} satisfies Record<keyof ScheduledTaskProps | 'kind', Shape>;

const STATEFUL_SERVICE = {
  ...SERVING,
  replicas: REPLICAS,
} satisfies Record<keyof StatefulServiceProps | 'kind', Shape>;

const DATA_STORE = {
  kind: 'string',
  name: 'string',
  team: 'string',
  engine: 'string',
  image: 'string',
  database: 'string',
  user: 'string',
  password: SECRET_REF,
  settings: STRING_MAP,
  storage: 'string',
  inCluster: STRINGS,
  external: { map: EXTERNAL_STORE },
} satisfies Record<keyof DataStoreProps | 'kind', Shape>;

const BATCH_JOB = {
  ...APP,
  parallelism: 'number',
  completions: 'number',
  completionMode: 'string',
  backoffLimit: 'number',
  activeDeadlineSeconds: 'number',
  gpu: GPU,
  spot: 'boolean',
  sharedMemory: 'string',
  queue: 'string',
} satisfies Record<keyof BatchJobProps | 'kind', Shape>;

/** The shape of each kind of definition. */
export const DEFINITION_SHAPES: Readonly<Record<string, ObjectShape>> = {
  'data-store': { noun: 'a data store', fields: DATA_STORE },
  'web-service': { noun: 'a web service', fields: WEB_SERVICE },
  worker: { noun: 'a worker', fields: WORKER },
  'scheduled-task': { noun: 'a scheduled task', fields: SCHEDULED_TASK },
  'stateful-service': { noun: 'a stateful service', fields: STATEFUL_SERVICE },
  'batch-job': { noun: 'a batch job', fields: BATCH_JOB },
};
