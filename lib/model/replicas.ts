/** How many pods run: a fixed count, or a range the HorizontalPodAutoscaler moves within. */

export interface FixedReplicas {
  readonly kind: 'fixed';
  readonly count: number;
}

export interface AutoscaledReplicas {
  readonly kind: 'autoscale';
  readonly min: number;
  readonly max: number;
  /** Average CPU utilisation (percent of the request) the autoscaler aims for. @default 70 */
  readonly cpuUtilization?: number;
  /** Average memory utilisation (percent of the request) to scale on as well. @default - CPU only */
  readonly memoryUtilization?: number;
}

export type Replicas = FixedReplicas | AutoscaledReplicas;

export const Replicas = {
  fixed: (count: number): FixedReplicas => ({ kind: 'fixed', count }),
  autoscale: (options: Omit<AutoscaledReplicas, 'kind'>): AutoscaledReplicas => ({ kind: 'autoscale', ...options }),
};
