import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';

/** Pod-level settings of the Pod Security Standards "restricted" profile. */
export function podSecurityContext(app: Pick<ResolvedApp, 'security'>): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: app.security.runAsUser,
    runAsGroup: app.security.runAsGroup,
    fsGroup: app.security.runAsGroup,
    ...(app.security.fsGroupChangePolicy ? { fsGroupChangePolicy: app.security.fsGroupChangePolicy } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level settings of "restricted"; the only additions are the app's explicit opt-outs. */
export function containerSecurityContext(app: Pick<ResolvedApp, 'security'>): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: app.security.readOnlyRootFilesystem,
    runAsNonRoot: true,
    runAsUser: app.security.runAsUser,
    runAsGroup: app.security.runAsGroup,
    capabilities: { drop: ['ALL'], ...(app.security.addCapabilities.length ? { add: [...app.security.addCapabilities] } : {}) },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
