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
