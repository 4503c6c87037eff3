import { Manifest } from '../../manifest/manifest';
import { ContainerAt, containersOf, describeContainer, podTemplateOf } from '../../manifest/pod-template';

/** One container's effective security settings (its own, else the pod's, else the API default). */
export interface ContainerPosture {
  /** `container 'web'`, `init container 'migrate'`. */
  readonly label: string;
  readonly privileged: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly readOnlyRootFilesystem: boolean;
  readonly runAsNonRoot: boolean;
  readonly runAsUser?: number;
  /** 'RuntimeDefault', 'Localhost', 'Unconfined' or 'unset'. */
  readonly seccomp: string;
  readonly dropsAll: boolean;
  readonly addedCapabilities: readonly string[];
  readonly hostPorts: readonly number[];
}

/** A pod's security-relevant settings. */
export interface PodPosture {
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  /** Names of hostPath volumes, with their paths. */
  readonly hostPaths: readonly string[];
  /** Whether the service-account token is mounted (the API default is yes). */
  readonly mountsToken: boolean;
  /** Keyed by `<type>:<name>`. */
  readonly containers: ReadonlyMap<string, ContainerPosture>;
}

/** The "restricted" Pod Security profile: what a new container is compared with. */
export const RESTRICTED: Omit<ContainerPosture, 'label'> = {
  privileged: false,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccomp: 'RuntimeDefault',
  dropsAll: true,
  addedCapabilities: [],
  hostPorts: [],
};

export const RESTRICTED_POD: Omit<PodPosture, 'containers'> = { hostNetwork: false, hostPID: false, hostIPC: false, hostPaths: [], mountsToken: false };

/** The posture of an object's pods, or undefined for an object that runs none. */
export function postureOf(object: Manifest): PodPosture | undefined {
  const pod = podTemplateOf(object);
  if (!pod) return undefined;
  const spec = pod.spec;
  const podContext = spec.securityContext ?? {};
  const containers = new Map<string, ContainerPosture>();
  for (const at of containersOf(pod)) containers.set(`${at.type}:${at.container.name}`, containerPosture(at, podContext));
  return {
    hostNetwork: spec.hostNetwork === true,
    hostPID: spec.hostPID === true,
    hostIPC: spec.hostIPC === true,
    hostPaths: (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => `${v.name} (${(v.hostPath as { path?: string }).path ?? '?'})`),
    mountsToken: spec.automountServiceAccountToken !== false,
    containers,
  };
}

/**
 * What is looser in `after` than in `before`, one phrase each: the security context's fields that
 * matter to the "restricted" profile. Capabilities and host ports are reported apart.
 */
export function loosenedSettings(before: Omit<ContainerPosture, 'label'>, after: ContainerPosture): string[] {
  const out: string[] = [];
  if (!before.privileged && after.privileged) out.push('runs privileged');
  if (!before.allowPrivilegeEscalation && after.allowPrivilegeEscalation) out.push('allows privilege escalation');
  if (before.readOnlyRootFilesystem && !after.readOnlyRootFilesystem) out.push('root filesystem is writable');
  if (before.runAsNonRoot && !after.runAsNonRoot) out.push('runAsNonRoot is off');
  if (after.runAsUser === 0 && before.runAsUser !== 0) out.push('runs as UID 0 (root)');
  if (confined(before.seccomp) && !confined(after.seccomp)) out.push(`seccomp ${before.seccomp} -> ${after.seccomp}`);
  if (before.dropsAll && !after.dropsAll) out.push('no longer drops ALL capabilities');
  return out;
}

function confined(seccomp: string): boolean {
  return seccomp === 'RuntimeDefault' || seccomp === 'Localhost';
}

function containerPosture(at: ContainerAt, pod: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } }): ContainerPosture {
  const sc = at.container.securityContext ?? {};
  const runAsUser = sc.runAsUser ?? pod.runAsUser;
  return {
    label: describeContainer(at),
    privileged: sc.privileged === true,
    // The API allows escalation unless it is turned off (or the container is privileged).
    allowPrivilegeEscalation: sc.allowPrivilegeEscalation !== false,
    readOnlyRootFilesystem: sc.readOnlyRootFilesystem === true,
    runAsNonRoot: (sc.runAsNonRoot ?? pod.runAsNonRoot) === true,
    ...(runAsUser !== undefined ? { runAsUser } : {}),
    seccomp: sc.seccompProfile?.type ?? pod.seccompProfile?.type ?? 'unset',
    dropsAll: (sc.capabilities?.drop ?? []).includes('ALL'),
    addedCapabilities: [...(sc.capabilities?.add ?? [])].sort(),
    hostPorts: (at.container.ports ?? []).map((p) => p.hostPort).filter((p): p is number => typeof p === 'number' && p > 0),
  };
}
