import { VolumeAccessMode } from './volume';

/** A declared volume with every default applied. */
export type ResolvedVolume =
  | { readonly kind: 'emptyDir'; readonly name: string; readonly path: string; readonly size: string; readonly medium?: 'Memory' }
  | {
      readonly kind: 'persistent';
      readonly name: string;
      readonly path: string;
      readonly size: string;
      readonly accessMode: VolumeAccessMode;
      /** Absent: the cluster's default StorageClass. */
      readonly storageClass?: string;
    };

/** Where the app's files are mounted and with which modes. */
export interface ResolvedFiles {
  /** Folder of the config files (`/etc/<app>` unless the app chose one). */
  readonly configPath: string;
  /** Mode of each config file that differs from the default (0o444), by file name. */
  readonly configModes: Readonly<Record<string, number>>;
  /** Folder of the secret files (`/var/run/secrets/<app>` unless the app chose one). */
  readonly secretPath: string;
}
