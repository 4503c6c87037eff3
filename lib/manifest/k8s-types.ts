/**
 * The few Kubernetes fields the policy rules read, as read-only views over plain synthesized
 * objects. Every field is optional: rules see what was written, not what the API would default,
 * and schema validation has already checked the types by the time a rule runs.
 */

export type { LabelSelector } from './label-selector';

export interface SecurityContext {
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly readOnlyRootFilesystem?: boolean;
  readonly procMount?: string;
  readonly capabilities?: { readonly add?: readonly string[]; readonly drop?: readonly string[] };
  readonly seccompProfile?: { readonly type?: string };
}

export interface PodSecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seccompProfile?: { readonly type?: string };
  readonly sysctls?: readonly { readonly name: string; readonly value: string }[];
}

export type IntOrString = number | string;

export interface ProbeHandler {
  readonly httpGet?: { readonly path?: string; readonly port: IntOrString; readonly host?: string; readonly scheme?: string };
  readonly tcpSocket?: { readonly port: IntOrString };
  readonly grpc?: { readonly port: number; readonly service?: string };
  readonly exec?: { readonly command?: readonly string[] };
}

export interface Probe extends ProbeHandler {
  readonly periodSeconds?: number;
  readonly failureThreshold?: number;
  readonly timeoutSeconds?: number;
  readonly initialDelaySeconds?: number;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly protocol?: string;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: unknown;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly imagePullPolicy?: string;
  readonly ports?: readonly ContainerPort[];
  readonly env?: readonly EnvVar[];
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string | number>>;
    readonly limits?: Readonly<Record<string, string | number>>;
  };
  readonly securityContext?: SecurityContext;
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
}

export interface Volume {
  readonly name: string;
  readonly [type: string]: unknown;
}

export interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly ephemeralContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly securityContext?: PodSecurityContext;
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly automountServiceAccountToken?: boolean;
  readonly topologySpreadConstraints?: readonly unknown[];
  readonly affinity?: { readonly podAntiAffinity?: unknown };
}
