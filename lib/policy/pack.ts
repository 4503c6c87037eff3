import { appNamespace } from './rules/app-namespace';
import { argocdProjectDestination } from './rules/argocd-project-destination';
import { apiDeprecated } from './rules/api-deprecated';
import { apiRemoved } from './rules/api-removed';
import { cronjobDeadlines } from './rules/cronjob-deadlines';
import { duplicateEnv } from './rules/duplicate-env';
import { ephemeralStorage } from './rules/ephemeral-storage';
import { hardenedImageDigest } from './rules/hardened-image-digest';
import { hardenedIngressCallers } from './rules/hardened-ingress-callers';
import { hardenedPublicExposure } from './rules/hardened-public-exposure';
import { hardenedPullAlways } from './rules/hardened-pull-always';
import { hardenedServiceTls } from './rules/hardened-service-tls';
import { hpaTargetExists } from './rules/hpa-target-exists';
import { hpaTargetNoReplicas } from './rules/hpa-target-no-replicas';
import { httpRouteBackendExists } from './rules/http-route-backend-exists';
import { imageTagOrDigest } from './rules/image-tag-or-digest';
import { ingressBackendExists } from './rules/ingress-backend-exists';
import { labelValues } from './rules/label-values';
import { healthDeclared } from './rules/health-declared';
import { livenessDiffersFromReadiness } from './rules/liveness-differs-from-readiness';
import { memoryLimit } from './rules/memory-limit';
import { gpuJobLimits } from './rules/gpu-job-limits';
import { gpuRequestEqualsLimit } from './rules/gpu-request-equals-limit';
import { networkPolicyEgress } from './rules/network-policy-egress';
import { networkPolicyIngress } from './rules/network-policy-ingress';
import { networkPolicySelectsNothing } from './rules/network-policy-selects-nothing';
import { noClusterScopedObjects } from './rules/no-cluster-scoped-objects';
import { noDefaultNamespace } from './rules/no-default-namespace';
import { pdbAllowsEviction } from './rules/pdb-allows-eviction';
import { pdbCoverage } from './rules/pdb-coverage';
import { pdbFitsHpaMinimum } from './rules/pdb-fits-hpa-minimum';
import { podMonitorTargetExists } from './rules/pod-monitor-target-exists';
import { probePortDeclared } from './rules/probe-port-declared';
import { prodReplicas } from './rules/prod-replicas';
import { promqlValid } from './rules/promql-valid';
import { pssCapabilities } from './rules/pss-capabilities';
import { pssHostNamespaces } from './rules/pss-host-namespaces';
import { pssHostPath } from './rules/pss-host-path';
import { pssHostPorts } from './rules/pss-host-ports';
import { pssPrivilegeEscalation } from './rules/pss-privilege-escalation';
import { pssPrivileged } from './rules/pss-privileged';
import { pssProcMount } from './rules/pss-proc-mount';
import { pssRunAsNonRoot } from './rules/pss-run-as-non-root';
import { pssApparmor } from './rules/pss-apparmor';
import { pssSeccomp } from './rules/pss-seccomp';
import { pssSysctls } from './rules/pss-sysctls';
import { pssVolumeTypes } from './rules/pss-volume-types';
import { rbacLeastPrivilege } from './rules/rbac-least-privilege';
import { readOnlyRootFilesystem } from './rules/read-only-root-filesystem';
import { readinessProbe } from './rules/readiness-probe';
import { resourceRequests } from './rules/resource-requests';
import { secretInConfigMap } from './rules/secret-in-config-map';
import { secretInEnv } from './rules/secret-in-env';
import { selectorMatchesTemplate } from './rules/selector-matches-template';
import { serviceAccountToken } from './rules/service-account-token';
import { serviceMonitorTargetExists } from './rules/service-monitor-target-exists';
import { serviceSelectsPods } from './rules/service-selects-pods';
import { topologySpread } from './rules/topology-spread';
import { Rule } from './rule';

/**
 * The golden-path policy pack: every rule `platform check` and `platform synth` run over the
 * synthesized objects. Ids are stable (waivers name them); a rule's severity is part of its contract.
 */
export const GOLDEN_PATH_PACK: readonly Rule[] = [
  // Pod Security Standards (baseline and restricted)
  pssPrivileged,
  pssPrivilegeEscalation,
  pssRunAsNonRoot,
  pssCapabilities,
  pssSeccomp,
  pssApparmor,
  pssHostNamespaces,
  pssHostPorts,
  pssHostPath,
  pssVolumeTypes,
  pssProcMount,
  pssSysctls,
  // Container hardening
  readOnlyRootFilesystem,
  serviceAccountToken,
  secretInEnv,
  secretInConfigMap,
  // Trust boundaries: what an app may create
  noClusterScopedObjects,
  rbacLeastPrivilege,
  appNamespace,
  argocdProjectDestination,
  // Network isolation
  networkPolicyIngress,
  networkPolicyEgress,
  networkPolicySelectsNothing,
  // Images and resources
  imageTagOrDigest,
  resourceRequests,
  memoryLimit,
  ephemeralStorage,
  gpuRequestEqualsLimit,
  gpuJobLimits,
  // Health checks
  readinessProbe,
  healthDeclared,
  livenessDiffersFromReadiness,
  probePortDeclared,
  // Monitoring
  promqlValid,
  // Availability
  prodReplicas,
  pdbCoverage,
  pdbAllowsEviction,
  pdbFitsHpaMinimum,
  topologySpread,
  hpaTargetExists,
  hpaTargetNoReplicas,
  // References between objects
  selectorMatchesTemplate,
  serviceSelectsPods,
  ingressBackendExists,
  httpRouteBackendExists,
  serviceMonitorTargetExists,
  podMonitorTargetExists,
  // Correctness
  duplicateEnv,
  apiRemoved,
  apiDeprecated,
  labelValues,
  cronjobDeadlines,
  noDefaultNamespace,
  // The hardened path (objects labelled with a data class)
  hardenedImageDigest,
  hardenedPullAlways,
  hardenedServiceTls,
  hardenedIngressCallers,
  hardenedPublicExposure,
];
