import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';
import { ResolvedVolume } from '../model/resolved-volume';

type PersistentVolume = Extract<ResolvedVolume, { kind: 'persistent' }>;

/** `<app>-<volume>`: the claim a Deployment's pods share. */
export function claimName(app: Pick<ResolvedApp, 'name'>, volume: Pick<ResolvedVolume, 'name'>): string {
  return `${app.name}-${volume.name}`;
}

/** The claim's size, access mode and class (none: the cluster's default class). */
export function claimSpec(volume: PersistentVolume): k8s.PersistentVolumeClaimSpec {
  return {
    accessModes: [volume.accessMode],
    ...(volume.storageClass !== undefined ? { storageClassName: volume.storageClass } : {}),
    resources: { requests: { storage: k8s.Quantity.fromString(volume.size) } },
  };
}

/**
 * The PersistentVolumeClaims of a Deployment's persistent volumes, one per volume, shared by its
 * pods. A stateful service has none: its StatefulSet claims one per pod from its templates.
 */
export function appClaims(scope: Construct, app: ResolvedApp): k8s.KubePersistentVolumeClaim[] {
  return app.volumes
    .filter((v): v is PersistentVolume => v.kind === 'persistent')
    .map((v) => new k8s.KubePersistentVolumeClaim(scope, `claim-${v.name}`, { metadata: appMetadata(app, claimName(app, v)), spec: claimSpec(v) }));
}

/** The claim templates of a StatefulSet: each pod gets `<volume>-<app>-<ordinal>` of every persistent volume. */
export function claimTemplates(app: ResolvedApp): k8s.KubePersistentVolumeClaimProps[] {
  return app.volumes
    .filter((v): v is PersistentVolume => v.kind === 'persistent')
    .map((v) => ({ metadata: { name: v.name, labels: { ...app.selector } }, spec: claimSpec(v) }));
}
