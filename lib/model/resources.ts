/** Compute resources of the app's container, as Kubernetes quantities. */
export interface Resources {
  /** CPU request. @default - the environment profile's */
  readonly cpu?: string;
  /** Memory request. @default - the environment profile's */
  readonly memory?: string;
  /** CPU limit. @default - none (CPU limits throttle latency-sensitive services; set one where the platform requires it) */
  readonly cpuLimit?: string;
  /** Memory limit. @default - equal to the memory request */
  readonly memoryLimit?: string;
  /** Ephemeral-storage request. @default - the environment profile's */
  readonly ephemeralStorage?: string;
  /** Ephemeral-storage limit. @default - the environment profile's */
  readonly ephemeralStorageLimit?: string;
}
