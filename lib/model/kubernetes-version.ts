/**
 * The Kubernetes minor the platform targets, in one place: the schemas and precompiled validators
 * (scripts/generate-schemas.ts, scripts/compile-validators.ts and their file names), the API
 * lifecycle rules, and the Pod Security version in PLATFORM_DEFAULTS. The typed Kubernetes classes
 * come from the package `cdk8s-plus-28`, whose name cannot follow a constant: move it with this.
 */
export const KUBERNETES_VERSION = '1.28';

/** The release whose OpenAPI definitions the core schemas come from (what `cdk8s import k8s@1.28.0` reads). */
export const KUBERNETES_SCHEMA_RELEASE = `${KUBERNETES_VERSION}.0`;

/** Base name of the generated schema and validator files in lib/policy/schema/data/. */
export const KUBERNETES_SCHEMA_FILES = { schemas: `k8s-${KUBERNETES_VERSION}-schemas.json`, validators: `k8s-${KUBERNETES_VERSION}-validators.js` } as const;

/**
 * The Kubernetes minor (e.g. 28 for '1.28') from which a pod feature is on by default, so the
 * platform uses it only where every cluster of the environment has it.
 * - nativeSidecars: init containers with `restartPolicy: Always` (SidecarContainers: alpha and
 *   off in 1.28, beta and on from 1.29).
 * - preStopSleep: the `sleep` lifecycle action, which needs no binary in the image
 *   (PodLifecycleSleepAction: alpha and off in 1.29, beta and on from 1.30).
 */
export const FEATURE_SINCE = { nativeSidecars: 29, preStopSleep: 30 } as const;

/** The minor of a '1.<minor>' version, or undefined when it is not one. */
export function kubernetesMinor(version: string): number | undefined {
  const match = /^1\.(\d{1,3})$/.exec(version);
  return match ? Number(match[1]) : undefined;
}
