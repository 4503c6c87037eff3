import { Problems } from '../internal/errors';
import { nameProblem } from '../internal/names';
import { AdmissionAction, AdmissionEngine } from '../model/environment-admission';
import { Environment } from '../model/environment';
import { KUBERNETES_VERSION } from '../model/kubernetes-version';
import { ResolvedAdmission, Sourced } from '../model/resolved-environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';

const ENGINES: readonly AdmissionEngine[] = ['kyverno', 'vap', 'none'];
const ACTIONS: readonly AdmissionAction[] = ['audit', 'deny'];

type Inherit = <T>(field: string, platform: T, own: T | undefined) => Sourced<T>;

/**
 * The environment's `admission`, every default applied and checked: a bad engine or action, and a
 * native policy the cluster's Kubernetes version cannot serve, are problems against apps/environments.ts.
 */
export function resolveAdmission(env: Environment, inherit: Inherit, problems: Problems, kubernetesVersion: string = KUBERNETES_VERSION): ResolvedAdmission {
  const d = PLATFORM_DEFAULTS.admission;
  const own = env.admission ?? {};
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  if (own.engine !== undefined && !ENGINES.includes(own.engine)) {
    at.add({ code: 'E_ADMISSION', field: 'admission.engine', value: own.engine, message: "must be 'kyverno', 'vap' or 'none'", fix: "use 'kyverno'" });
  }
  if (own.action !== undefined && !ACTIONS.includes(own.action)) {
    at.add({ code: 'E_ADMISSION', field: 'admission.action', value: own.action, message: "must be 'audit' or 'deny'", fix: "start with 'audit'" });
  }
  const exceptionNamespace = inherit('admission.exceptionNamespace', d.exceptionNamespace as string, own.exceptionNamespace);
  const namespaceProblem = nameProblem(exceptionNamespace.value);
  if (namespaceProblem) {
    at.add({ code: 'E_ADMISSION', field: 'admission.exceptionNamespace', value: exceptionNamespace.value, message: namespaceProblem, fix: "e.g. 'kyverno'" });
  }
  const engine = inherit('admission.engine', d.engine as AdmissionEngine, own.engine);
  const gate = own.vapFeatureGate ?? d.vapFeatureGate;
  const vap = vapApiVersion(kubernetesVersion, gate);
  if (engine.value === 'vap' && 'problem' in vap) {
    at.add({ code: 'E_ADMISSION_VAP', field: 'admission.engine', value: 'vap', message: vap.problem, fix: vap.fix });
  }
  return {
    engine,
    action: inherit('admission.action', d.action as AdmissionAction, own.action),
    vapApiVersion: 'apiVersion' in vap ? vap.apiVersion : 'admissionregistration.k8s.io/v1',
    exceptionNamespace,
  };
}

type VapVersion = { readonly apiVersion: ResolvedAdmission['vapApiVersion'] } | { readonly problem: string; readonly fix: string };

/**
 * The ValidatingAdmissionPolicy API a cluster serves: v1 from Kubernetes 1.30 (GA); on 1.28 and
 * 1.29 only v1beta1, and only when the API server turns the feature gate and the API on.
 */
export function vapApiVersion(kubernetesVersion: string, featureGate: boolean): VapVersion {
  const minor = Number(kubernetesVersion.split('.')[1]);
  if (minor >= 30) return { apiVersion: 'admissionregistration.k8s.io/v1' };
  if (minor >= 28 && featureGate) return { apiVersion: 'admissionregistration.k8s.io/v1beta1' };
  if (minor >= 28) {
    return {
      problem: `Kubernetes ${kubernetesVersion} serves ValidatingAdmissionPolicy only as v1beta1 behind the ValidatingAdmissionPolicy feature gate, which is off by default`,
      fix: "use engine 'kyverno', or turn the gate and admissionregistration.k8s.io/v1beta1 on in the API server and set admission.vapFeatureGate: true",
    };
  }
  return { problem: `Kubernetes ${kubernetesVersion} has no usable ValidatingAdmissionPolicy (beta from 1.28, GA in 1.30)`, fix: "use engine 'kyverno'" };
}
