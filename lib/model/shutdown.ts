/**
 * What runs before SIGTERM (the preStop hook), as plain data made with `Shutdown`. The delay lets
 * endpoints drain before the process stops; it must be shorter than the grace period.
 */
export type PreStop =
  | { readonly kind: 'sleep'; readonly seconds: number }
  | { readonly kind: 'exec'; readonly command: readonly string[]; readonly seconds?: number }
  | { readonly kind: 'none' };

export const Shutdown = {
  /**
   * Kubernetes' own `sleep` action: works on every image (distroless too), and needs Kubernetes
   * 1.30 or later in the environment (PodLifecycleSleepAction).
   */
  sleep: (seconds: number): PreStop => ({ kind: 'sleep', seconds }),
  /**
   * A command run in the container: `Shutdown.exec(['sleep', '5'], { seconds: 5 })` where the image
   * has a shell or `sleep`. `seconds`: how long it takes at most, checked against the grace period.
   */
  exec: (command: readonly string[], options: { readonly seconds?: number } = {}): PreStop => ({ kind: 'exec', command, ...options }),
  /** No hook: SIGTERM comes at once (the app drains itself, or is not behind a Service). */
  none: (): PreStop => ({ kind: 'none' }),
};
