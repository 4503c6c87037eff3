import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';

/** What the hardened path adds to an app's pod; nothing for apps on the standard path. */

const TLS_VOLUME = 'tls';

/** The certificate's Secret, mounted read-only where the app reads it (`tls.crt`, `tls.key`, `ca.crt`). */
export function tlsVolume(app: ResolvedApp): { volume: k8s.Volume; mount: k8s.VolumeMount } | undefined {
  const tls = app.hardening?.tls;
  if (!tls) return undefined;
  return {
    // 0440 like the app's secret files: readable through the pod's group, never by others.
    volume: { name: TLS_VOLUME, secret: { secretName: tls.secretName, defaultMode: 0o440 } },
    mount: { name: TLS_VOLUME, mountPath: tls.mountPath, readOnly: true },
  };
}

/** Where a hardened pod runs: the environment's sandboxed runtime class and its dedicated node pool. */
export function hardenedPlacement(app: ResolvedApp): Pick<k8s.PodSpec, 'runtimeClassName' | 'nodeSelector' | 'tolerations'> {
  const h = app.hardening;
  if (!h) return {};
  return {
    ...(h.runtimeClassName !== undefined ? { runtimeClassName: h.runtimeClassName } : {}),
    ...(h.nodePool
      ? {
          nodeSelector: { ...h.nodePool.nodeSelector },
          tolerations: [{ key: h.nodePool.taint.key, operator: 'Equal', value: h.nodePool.taint.value, effect: h.nodePool.taint.effect }],
        }
      : {}),
  };
}
