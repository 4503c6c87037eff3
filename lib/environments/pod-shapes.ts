import { PodMetadataOptions, SecurityOptions, ServiceAccountOptions, ShutdownOptions } from '../model/app-definition';
import { SidecarProps } from '../model/containers';
import { ExecCheck, ExecHealth, GrpcCheck, GrpcHealth, HttpCheck, HttpHealth, NoHealth, TcpCheck, TcpHealth } from '../model/health';
import { ServingPort } from '../model/ports';
import { Resources } from '../model/resources';
import { SecretRef } from '../model/secret';

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
  | {
      readonly kinds: Readonly<Record<string, ObjectShape | 'any'>>;
      readonly noun: string;
      /** How to build one, when the value is not an object. */ readonly fix?: string;
    }
  /** The first shape whose type matches. */
  | { readonly oneOf: readonly Shape[] };

export interface ObjectShape {
  readonly fields: Readonly<Record<string, Shape>>;
  /** What the object is, for messages: "'healthh' is not a field of a web service". */
  readonly noun: string;
}

export const STRINGS: Shape = { list: 'string' };
export const STRING_MAP: Shape = { map: 'string' };
export const SECRET_REF: ObjectShape = { noun: 'a secret reference', fields: { key: 'string', property: 'string' } satisfies Record<keyof SecretRef, Shape> };
export const RESOURCES: ObjectShape = {
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
export const SECURITY: ObjectShape = {
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
export const SHUTDOWN: ObjectShape = {
  noun: 'shutdown options',
  fields: { gracePeriodSeconds: 'number', preStop: PRE_STOP, preStopSeconds: 'number' } satisfies Record<keyof ShutdownOptions, Shape>,
};
export const ENV_REF: Shape = {
  noun: 'an env reference',
  kinds: {
    field: { noun: 'a downward API field', fields: { kind: 'string', fieldPath: 'string' } },
    resource: { noun: 'a downward API resource', fields: { kind: 'string', resource: 'string' } },
    configMapKey: { noun: 'a ConfigMap key', fields: { kind: 'string', name: 'string', key: 'string' } },
    secretKey: { noun: 'an existing Secret key', fields: { kind: 'string', name: 'string', key: 'string' } },
  },
};
export const ENV_FROM: Shape = {
  noun: 'an envFrom source',
  kinds: {
    configMap: { noun: 'a ConfigMap source', fields: { kind: 'string', name: 'string', prefix: 'string' } },
    secret: { noun: 'an existing Secret source', fields: { kind: 'string', name: 'string', prefix: 'string' } },
  },
};
export const POD_METADATA: ObjectShape = {
  noun: 'pod metadata',
  fields: { annotations: STRING_MAP, labels: STRING_MAP } satisfies Record<keyof PodMetadataOptions, Shape>,
};
export const SERVICE_ACCOUNT: ObjectShape = {
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
export const HEALTH: Shape = {
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
export const SERVING_PORT: ObjectShape = {
  noun: 'a serving port',
  fields: { port: 'number', protocol: 'string', servicePort: 'number', appProtocol: 'string' } satisfies Record<keyof ServingPort, Shape>,
};

// Sidecars and init containers share one shape, so that probes on an init container reach
// resolution and get its own located error (E_INIT_CONTAINER_PROBE) rather than 'unknown field'.
export const CONTAINER: ObjectShape = {
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
