import { ApiObject, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';
import { ResolvedContainer, ResolvedEnvFrom, ResolvedEnvRef, ResolvedPreStop } from '../model/resolved-container';
import { toProbe } from './probes';
import { toResourceRequirements } from './resources';
import { containerSecurityContext } from './security';

/**
 * A sidecar or init container: the app's security context, image pull policy and /tmp, its own
 * image, env and resources. `restartPolicy: Always` makes an init container a native sidecar.
 */
export function extraContainer(app: ResolvedApp, c: ResolvedContainer, shared: SharedWithApp, restartPolicy?: 'Always'): k8s.Container {
  const env = [...(c.appEnv ? shared.env : []), ...c.env.map((e) => ({ name: e.name, value: e.value }))];
  const envFrom = c.appEnv ? [...shared.envFrom] : [];
  return {
    name: c.name,
    image: c.image,
    imagePullPolicy: app.imagePullPolicy,
    ...(c.command ? { command: [...c.command] } : {}),
    ...(c.args ? { args: [...c.args] } : {}),
    ...(c.port ? { ports: [{ name: c.port.name, containerPort: c.port.port, protocol: 'TCP' }] } : {}),
    ...(env.length ? { env } : {}),
    ...(envFrom.length ? { envFrom } : {}),
    resources: toResourceRequirements(c.resources),
    ...(c.probes ? { readinessProbe: toProbe(c.probes.readiness), livenessProbe: toProbe(c.probes.liveness), startupProbe: toProbe(c.probes.startup) } : {}),
    ...(restartPolicy ? { restartPolicy } : {}),
    securityContext: containerSecurityContext(app),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [shared.tmpMount],
  };
}

/** What an extra container may take from the app's: /tmp always, the environment with `appEnv`. */
export interface SharedWithApp {
  readonly tmpMount: k8s.VolumeMount;
  readonly env: readonly k8s.EnvVar[];
  readonly envFrom: readonly k8s.EnvFromSource[];
}

/** The pod's init containers: native sidecars first (so init containers can use them, a migration its DB proxy), then the app's. */
export function initContainersOf(app: ResolvedApp, shared: SharedWithApp): k8s.Container[] {
  const sidecars = app.sidecarPlacement === 'native' ? app.sidecars.map((c) => extraContainer(app, c, shared, 'Always')) : [];
  return [...sidecars, ...app.initContainers.map((c) => extraContainer(app, c, shared))];
}

/** Sidecars as plain containers after the app's (Kubernetes below 1.29, where native sidecars are off). */
export function plainSidecarsOf(app: ResolvedApp, shared: SharedWithApp): k8s.Container[] {
  return app.sidecarPlacement === 'containers' ? app.sidecars.map((c) => extraContainer(app, c, shared)) : [];
}

/** An env var Kubernetes fills in. */
export function envRefVar(ref: ResolvedEnvRef, containerName: string): k8s.EnvVar {
  const s = ref.source;
  switch (s.kind) {
    case 'field':
      return { name: ref.name, valueFrom: { fieldRef: { fieldPath: s.fieldPath } } };
    case 'resource':
      return { name: ref.name, valueFrom: { resourceFieldRef: { containerName, resource: s.resource } } };
    case 'configMapKey':
      return { name: ref.name, valueFrom: { configMapKeyRef: { name: s.name, key: s.key } } };
    case 'secretKey':
      return { name: ref.name, valueFrom: { secretKeyRef: { name: s.name, key: s.key } } };
  }
}

export function envFromSource(source: ResolvedEnvFrom): k8s.EnvFromSource {
  const prefix = source.prefix !== undefined ? { prefix: source.prefix } : {};
  return source.kind === 'configMap' ? { configMapRef: { name: source.name }, ...prefix } : { secretRef: { name: source.name }, ...prefix };
}

/** The exec preStop hook, or none: the sleep action is newer than the typed classes and goes in with `sleepActionPatch`. */
export function lifecycleOf(preStop: ResolvedPreStop): k8s.Lifecycle | undefined {
  return preStop.kind === 'exec' ? { preStop: { exec: { command: [...preStop.command] } } } : undefined;
}

/**
 * Writes the preStop `sleep` action (Kubernetes 1.30+) into the app container (the first) of the
 * pod template at `templatePath`. The typed classes of cdk8s-plus-28 drop fields their Kubernetes
 * 1.28 types do not know, JSON patches included (their toJson serializes after the patches), so
 * this patch applies to what they serialized.
 */
export function addSleepAction(object: ApiObject, preStop: ResolvedPreStop, templatePath: string): void {
  if (preStop.kind !== 'sleep') return;
  const patch = JsonPatch.add(`${templatePath}/spec/containers/0/lifecycle`, { preStop: { sleep: { seconds: preStop.seconds } } });
  const typed = object.toJson.bind(object);
  object.toJson = () => {
    const patched: unknown = JsonPatch.apply(typed(), patch);
    return patched;
  };
}
