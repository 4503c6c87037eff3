import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy } from '../../imports/externalsecret-external-secrets.io';
import { appMetadata } from '../internal/metadata';
import { appSecretName } from '../model/app-files';
import { ResolvedApp } from '../model/resolved-app';
import { SecretRef, SecretStoreRef } from '../model/secret';

export { ExternalSecret } from '../../imports/externalsecret-external-secrets.io';

const STORE_KIND: Readonly<Record<SecretStoreRef['kind'], ExternalSecretSpecSecretStoreRefKind>> = {
  ClusterSecretStore: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
  SecretStore: ExternalSecretSpecSecretStoreRefKind.SECRET_STORE,
};
const SECRET_FILES_VOLUME = 'secret-files';
/**
 * r--r----- (0440). Kubelet makes secret files owned by root with the pod's fsGroup (here the
 * app's GID) as group, and the app runs as a non-root UID: it reads them through the group bit.
 * 0400 would leave them readable by root alone whenever fsGroup is not applied, and nobody else
 * (other) needs them.
 */
export const SECRET_FILE_MODE = 0o440;

/**
 * The app's secret references as an ExternalSecret `<app>`: External Secrets Operator reads each
 * one from the environment's store and writes the Secret `<app>-secrets`, which it owns (deleted
 * with the ExternalSecret). Keys of that Secret are the env var and file names. Undefined when the
 * app has no secrets.
 */
export function appExternalSecret(scope: Construct, app: ResolvedApp): ExternalSecret | undefined {
  const secrets = app.secrets;
  if (!secrets) return undefined;
  const refs = [...secrets.env, ...secrets.files].sort((a, b) => compare(a.name, b.name));
  return new ExternalSecret(scope, 'external-secret', {
    metadata: appMetadata(app),
    spec: {
      secretStoreRef: { kind: STORE_KIND[secrets.store.kind], name: secrets.store.name },
      refreshInterval: secrets.refreshInterval,
      target: { name: appSecretName(app.name), creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER },
      data: refs.map((ref) => ({
        secretKey: ref.name,
        remoteRef: { key: ref.key, ...(ref.property !== undefined ? { property: ref.property } : {}) },
      })),
    },
  });
}

/** An ExternalSecret that syncs one reference into one key of the Secret `secretName` (a shared store's password). */
export function singleExternalSecret(
  scope: Construct,
  options: { metadata: k8s.ObjectMeta; secretName: string; key: string; ref: SecretRef; store: SecretStoreRef; refreshInterval: string },
): ExternalSecret {
  const { ref } = options;
  return new ExternalSecret(scope, 'external-secret', {
    metadata: options.metadata,
    spec: {
      secretStoreRef: { kind: STORE_KIND[options.store.kind], name: options.store.name },
      refreshInterval: options.refreshInterval,
      target: { name: options.secretName, creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER },
      data: [{ secretKey: options.key, remoteRef: { key: ref.key, ...(ref.property !== undefined ? { property: ref.property } : {}) } }],
    },
  });
}

/** The container's env vars read from the app's Secret, sorted by name. */
export function secretEnvVars(app: ResolvedApp): k8s.EnvVar[] {
  return (app.secrets?.env ?? []).map((ref) => ({
    name: ref.name,
    valueFrom: { secretKeyRef: { name: appSecretName(app.name), key: ref.name } },
  }));
}

/**
 * The app's secret files: the Secret's file keys only (not its env var keys) as a volume, mounted
 * read-only at `/var/run/secrets/<app>/`. Undefined when the app has no secret files.
 */
export function secretFilesVolume(app: ResolvedApp): { readonly volume: k8s.Volume; readonly mount: k8s.VolumeMount } | undefined {
  const files = app.secrets?.files ?? [];
  if (files.length === 0) return undefined;
  return {
    volume: {
      name: SECRET_FILES_VOLUME,
      secret: { secretName: appSecretName(app.name), defaultMode: SECRET_FILE_MODE, items: files.map((f) => ({ key: f.name, path: f.name })) },
    },
    mount: { name: SECRET_FILES_VOLUME, mountPath: app.files.secretPath, readOnly: true },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
