import { Problems } from '../internal/errors';
import { nameProblem } from '../internal/names';
import { Environment } from '../model/environment';
import { EnvironmentIngress, INGRESS_MODES } from '../model/environment-ingress';

/** RFC 1123 subdomain: the names of IngressClasses, ClusterIssuers, Gateways and listeners, and DNS domains. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_SUBDOMAIN_MAX = 253;
const DNS_LABEL_MAX = 63;

/** Settings that only ingress mode reads; set in gateway mode they would silently do nothing. */
const INGRESS_ONLY = ['className', 'controllerNamespace', 'clusterIssuer'] as const;

export interface IngressSettingProblem {
  /** `ingress.<setting>`, `ingress.gateway.<field>` or `domain`. */
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
}

/** Why `value` is not an RFC 1123 subdomain (lowercase DNS name), or undefined when it is. */
export function dnsNameProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > DNS_SUBDOMAIN_MAX) return `must be at most ${DNS_SUBDOMAIN_MAX} characters (has ${value.length})`;
  if (/[A-Z]/.test(value)) return 'must be lowercase';
  if (!DNS_SUBDOMAIN.test(value))
    return "must be a DNS name: lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit";
  const long = value.split('.').find((label) => label.length > DNS_LABEL_MAX);
  if (long) return `must have no dot-separated part longer than ${DNS_LABEL_MAX} characters ('${long.slice(0, 20)}...' has ${long.length})`;
  return undefined;
}

/**
 * What is wrong with an environment's `ingress` settings and its `domain` (which every public
 * host ends with). Checked once per environment, when it is resolved.
 */
export function ingressSettingProblems(env: Pick<Environment, 'name' | 'domain' | 'ingress'>): IngressSettingProblem[] {
  const out: IngressSettingProblem[] = [];
  const fix = (field: string, example: string) => `fix environments.${env.name}.${field} in apps/environments.ts, e.g. ${example}`;
  if (typeof env.domain === 'string' && env.domain.length > 0) {
    const problem = dnsNameProblem(env.domain);
    if (problem) out.push({ field: 'domain', value: env.domain, message: problem, fix: fix('domain', "'staging.acme.dev'") });
  }
  const ingress: unknown = env.ingress;
  if (ingress === undefined) return out;
  if (ingress === null || typeof ingress !== 'object' || Array.isArray(ingress)) {
    return [
      ...out,
      {
        field: 'ingress',
        value: ingress,
        message: 'must be an object of ingress settings',
        fix: fix('ingress', "{ mode: 'ingress' }, or leave it out for the platform defaults"),
      },
    ];
  }
  const settings = ingress as EnvironmentIngress;
  const mode = settings.mode ?? 'ingress';
  if (!INGRESS_MODES.includes(mode)) {
    out.push({ field: 'ingress.mode', value: settings.mode, message: "must be 'ingress' or 'gateway'", fix: fix('ingress.mode', "'ingress'") });
  }
  const checkName = (field: string, value: unknown, kind: 'dns' | 'namespace', example: string) => {
    if (value === undefined) return;
    const problem = typeof value !== 'string' ? 'must be a string' : kind === 'dns' ? dnsNameProblem(value) : nameProblem(value);
    if (problem) out.push({ field, value, message: problem, fix: fix(field, example) });
  };
  checkName('ingress.className', settings.className, 'dns', "'nginx'");
  checkName('ingress.controllerNamespace', settings.controllerNamespace, 'namespace', "'ingress-nginx'");
  checkName('ingress.clusterIssuer', settings.clusterIssuer, 'dns', "'letsencrypt'");

  if (mode === 'gateway') {
    for (const key of INGRESS_ONLY) {
      if (settings[key] !== undefined) {
        out.push({
          field: `ingress.${key}`,
          value: settings[key],
          message: "has no effect in gateway mode (the Gateway's listener terminates TLS and its proxies receive the traffic)",
          fix: `remove environments.${env.name}.ingress.${key} from apps/environments.ts, or set ingress.mode: 'ingress'`,
        });
      }
    }
    const gateway: unknown = settings.gateway;
    if (gateway === undefined || gateway === null || typeof gateway !== 'object' || Array.isArray(gateway)) {
      out.push({
        field: 'ingress.gateway',
        value: gateway ?? null,
        message: 'is required in gateway mode: it names the Gateway every HTTPRoute attaches to',
        fix: fix('ingress.gateway', "{ name: 'public', namespace: 'gateway' }"),
      });
    } else {
      const ref = gateway as Record<string, unknown>;
      if (ref.name === undefined)
        out.push({ field: 'ingress.gateway.name', value: null, message: 'is required', fix: fix('ingress.gateway.name', "'public'") });
      if (ref.namespace === undefined)
        out.push({ field: 'ingress.gateway.namespace', value: null, message: 'is required', fix: fix('ingress.gateway.namespace', "'gateway'") });
      checkName('ingress.gateway.name', ref.name, 'dns', "'public'");
      checkName('ingress.gateway.namespace', ref.namespace, 'namespace', "'gateway'");
      checkName('ingress.gateway.sectionName', ref.sectionName, 'dns', "'https'");
      checkName('ingress.gateway.proxyNamespace', ref.proxyNamespace, 'namespace', "'envoy-gateway-system'");
    }
  } else if (mode === 'ingress' && settings.gateway !== undefined) {
    out.push({
      field: 'ingress.gateway',
      value: settings.gateway,
      message: 'has no effect in ingress mode (the default): public apps get Ingress objects, not HTTPRoutes',
      fix: `set environments.${env.name}.ingress.mode: 'gateway' in apps/environments.ts, or remove ingress.gateway`,
    });
  }
  return out;
}

/**
 * Checks an environment's ingress settings once, against apps/environments.ts, so that a bad value
 * is one problem rather than one per public app.
 */
export function checkEnvironmentIngress(env: Environment, problems: Problems): void {
  const at = problems.at({ source: 'apps/environments.ts', environment: env.name });
  for (const p of ingressSettingProblems(env)) {
    at.add({ code: p.field === 'domain' ? 'E_ENVIRONMENT' : 'E_INGRESS_SETTING', ...p });
  }
}
