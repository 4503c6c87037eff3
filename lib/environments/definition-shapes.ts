import {
  AppOverride,
  BatchJobProps,
  NetworkOptions,
  PodMetadataOptions,
  ScheduledTaskProps,
  SecurityOptions,
  ServiceAccountOptions,
  ShutdownOptions,
  StatefulServiceProps,
  WebServiceProps,
  WorkerProps,
} from '../model/app-definition';
import { SidecarProps } from '../model/containers';
import { GpuRequest } from '../model/batch';
import { EmptyDirVolume, PersistentVolume } from '../model/volume';
import { DataStoreProps } from '../model/data-store-definition';
import { AppDependency, DataStoreDependency, ExternalDataStore, HostDependency } from '../model/dependency';
import { PublicExposure } from '../model/exposure';
import { HardenedOptions } from '../model/hardening';
import { ExecCheck, ExecHealth, GrpcCheck, GrpcHealth, HttpCheck, HttpHealth, NoHealth, TcpCheck, TcpHealth } from '../model/health';
import { ServingPort } from '../model/ports';
import { AppPeer, CidrPeer, NamespacePeer } from '../model/peer';
import { AutoscaledReplicas, FixedReplicas } from '../model/replicas';
import { Resources } from '../model/resources';
import { SecretRef } from '../model/secret';
import { LatencySloProps, SloMetricsOptions, SloProps } from '../model/slo';
import { Waiver, WaiverTarget } from '../model/waiver';

/**
 * The shape of an app definition as plain JavaScript sees it, for the strict check at synth
 * (check-definition-keys.ts). Only types and key names: ranges, formats and allowed values are
 * resolution's to check, with its own codes. `satisfies Record<keyof X, Shape>` makes the compiler
 * keep every list equal to its interface: a new prop that is not listed here does not compile.
 */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'function'
  /** Checked elsewhere (an app definition in `dependsOn` is checked as an app of its own). */
  | 'any'
  | { readonly list: Shape }
  /** A record with keys of the user's choosing. */
  | { readonly map: Shape }
  | ObjectShape
  /** Plain data told apart by its `kind` (made with a factory such as `Health.http`). */
  | { readonly kinds: Readonly<Record<string, ObjectShape | 'any'>>; readonly noun: string }
  /** The first shape whose type matches. */
  | { readonly oneOf: readonly Shape[] };

export interface ObjectShape {
  readonly fields: Readonly<Record<string, Shape>>;
  /** What the object is, for messages: "'healthh' is not a field of a web service". */
  readonly noun: string;
}

const STRINGS: Shape = { list: 'string' };
const STRING_MAP: Shape = { map: 'string' };
const SECRET_REF: ObjectShape = { noun: 'a secret reference', fields: { key: 'string', property: 'string' } satisfies Record<keyof SecretRef, Shape> };
const RESOURCES: ObjectShape = {
  noun: 'resources',
  fields: {
    cpu: 'string',
    memory: 'string',
    cpuLimit: 'string',
    memoryLimit: 'string',
    ephemeralStorage: 'string',
    ephemeralStorageLimit: 'string',
  } satisfies Record<keyof Resources, Shape>,
};
const SECURITY: ObjectShape = {
  noun: 'security options',
  fields: { runAsUser: 'number', writableRootFilesystem: 'boolean', bindPrivilegedPorts: 'boolean' } satisfies Record<keyof SecurityOptions, Shape>,
};
const PRE_STOP: Shape = {
  noun: 'a preStop hook',
  kinds: {
    sleep: { noun: 'a preStop sleep', fields: { kind: 'string', seconds: 'number' } },
    exec: { noun: 'a preStop command', fields: { kind: 'string', command: STRINGS, seconds: 'number' } },
    none: { noun: 'no preStop hook', fields: { kind: 'string' } },
  },
};
const SHUTDOWN: ObjectShape = {
  noun: 'shutdown options',
  fields: { gracePeriodSeconds: 'number', preStop: PRE_STOP, preStopSeconds: 'number' } satisfies Record<keyof ShutdownOptions, Shape>,
};
const ENV_REF: Shape = {
  noun: 'an env reference',
  kinds: {
    field: { noun: 'a downward API field', fields: { kind: 'string', fieldPath: 'string' } },
    resource: { noun: 'a downward API resource', fields: { kind: 'string', resource: 'string' } },
    configMapKey: { noun: 'a ConfigMap key', fields: { kind: 'string', name: 'string', key: 'string' } },
    secretKey: { noun: 'an existing Secret key', fields: { kind: 'string', name: 'string', key: 'string' } },
  },
};
const ENV_FROM: Shape = {
  noun: 'an envFrom source',
  kinds: {
    configMap: { noun: 'a ConfigMap source', fields: { kind: 'string', name: 'string', prefix: 'string' } },
    secret: { noun: 'an existing Secret source', fields: { kind: 'string', name: 'string', prefix: 'string' } },
  },
};
const POD_METADATA: ObjectShape = {
  noun: 'pod metadata',
  fields: { annotations: STRING_MAP, labels: STRING_MAP } satisfies Record<keyof PodMetadataOptions, Shape>,
};
const SERVICE_ACCOUNT: ObjectShape = {
  noun: 'ServiceAccount options',
  fields: { annotations: STRING_MAP } satisfies Record<keyof ServiceAccountOptions, Shape>,
};

const TIMING = {
  readinessPeriodSeconds: 'number',
  livenessPeriodSeconds: 'number',
  livenessFailureThreshold: 'number',
  startupSeconds: 'number',
  timeoutSeconds: 'number',
} as const;
const HTTP_CHECK = { kind: 'string', path: 'string', port: 'string', headers: STRING_MAP } as const satisfies Record<keyof HttpCheck, Shape>;
const GRPC_CHECK = { kind: 'string', service: 'string', port: 'string' } as const satisfies Record<keyof GrpcCheck, Shape>;
const TCP_CHECK = { kind: 'string', port: 'string' } as const satisfies Record<keyof TcpCheck, Shape>;
const EXEC_CHECK = { kind: 'string', command: STRINGS } as const satisfies Record<keyof ExecCheck, Shape>;
/** A liveness check of its own: what to check, without timing (the health check's) or a liveness of its own. */
const LIVENESS: Shape = {
  noun: 'a liveness check',
  kinds: {
    http: { noun: 'an HTTP liveness check', fields: HTTP_CHECK },
    grpc: { noun: 'a gRPC liveness check', fields: GRPC_CHECK },
    tcp: { noun: 'a TCP liveness check', fields: TCP_CHECK },
    exec: { noun: 'an exec liveness check', fields: EXEC_CHECK },
  },
};
const HEALTH: Shape = {
  noun: 'a health check',
  kinds: {
    http: {
      noun: 'an HTTP health check',
      fields: { ...HTTP_CHECK, livenessPath: 'string', liveness: LIVENESS, ...TIMING } satisfies Record<keyof HttpHealth, Shape>,
    },
    grpc: { noun: 'a gRPC health check', fields: { ...GRPC_CHECK, liveness: LIVENESS, ...TIMING } satisfies Record<keyof GrpcHealth, Shape> },
    tcp: { noun: 'a TCP health check', fields: { ...TCP_CHECK, liveness: LIVENESS, ...TIMING } satisfies Record<keyof TcpHealth, Shape> },
    exec: {
      noun: 'an exec health check',
      fields: { ...EXEC_CHECK, livenessCommand: STRINGS, liveness: LIVENESS, ...TIMING } satisfies Record<keyof ExecHealth, Shape>,
    },
    none: { noun: 'a declaration of no health endpoint', fields: { kind: 'string', reason: 'string' } satisfies Record<keyof NoHealth, Shape> },
  },
};
const SERVING_PORT: ObjectShape = {
  noun: 'a serving port',
  fields: { port: 'number', protocol: 'string', servicePort: 'number', appProtocol: 'string' } satisfies Record<keyof ServingPort, Shape>,
};

// Sidecars and init containers share one shape, so that probes on an init container reach
// resolution and get its own located error (E_INIT_CONTAINER_PROBE) rather than 'unknown field'.
const CONTAINER: ObjectShape = {
  noun: 'a container',
  fields: {
    name: 'string',
    image: 'string',
    command: STRINGS,
    args: STRINGS,
    env: STRING_MAP,
    appEnv: 'boolean',
    resources: RESOURCES,
    port: 'number',
    portName: 'string',
    health: HEALTH,
  } satisfies Record<keyof SidecarProps, Shape>,
};

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
