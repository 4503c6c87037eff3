/**
 * Writable storage an app declares, by name (`volumes: { cache: Volume.emptyDir({ path: '/var/cache/app', size: '2Gi' }) }`).
 * The root filesystem stays read-only: every folder the app writes is one of these (or /tmp).
 */

/** Access modes a claim may ask for; the platform picks the environment's unless the volume says. */
export type VolumeAccessMode = 'ReadWriteOnce' | 'ReadWriteOncePod' | 'ReadWriteMany';

/** Scratch space that lives as long as the pod: caches, spool folders, unpacked assets. */
export interface EmptyDirVolume {
  readonly kind: 'emptyDir';
  /** Absolute folder the volume is mounted at. */
  readonly path: string;
  /** Size limit; the pod is evicted when it writes more. A Kubernetes quantity, e.g. '2Gi'. */
  readonly size: string;
  /** 'Memory' puts the folder in RAM (tmpfs; it counts against the memory limit). @default - the node's disk */
  readonly medium?: 'Memory';
}

/** Data that outlives the pod: a PersistentVolumeClaim of the environment's storage class. */
export interface PersistentVolume {
  readonly kind: 'persistent';
  /** Absolute folder the volume is mounted at. */
  readonly path: string;
  /** Requested capacity, e.g. '10Gi'. */
  readonly size: string;
  /** @default - the environment's (`profile.storage.accessMode`, 'ReadWriteOnce' unless it says) */
  readonly accessMode?: VolumeAccessMode;
  /** @default - the environment's (`profile.storage.storageClass`), else the cluster's default class */
  readonly storageClass?: string;
}

export type Volume = EmptyDirVolume | PersistentVolume;

export const Volume = {
  emptyDir: (options: Omit<EmptyDirVolume, 'kind'>): EmptyDirVolume => ({ kind: 'emptyDir', ...options }),
  persistent: (options: Omit<PersistentVolume, 'kind'>): PersistentVolume => ({ kind: 'persistent', ...options }),
};

/** The volume kinds, for messages and the strict shape check. */
export const VOLUME_KINDS = ['emptyDir', 'persistent'] as const;
/** The access modes, for messages and checks. */
export const VOLUME_ACCESS_MODES: readonly VolumeAccessMode[] = ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany'];
