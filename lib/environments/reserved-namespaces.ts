import { ResolvedEnvironment } from '../model/resolved-environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';

/**
 * Why `name` is not a team's to own in `env`, or undefined when it may be: the cluster's own
 * namespaces and those the platform's controllers run in (PLATFORM_DEFAULTS.reservedNamespaces),
 * plus the ones the resolved environment names.
 */
export function reservedNamespace(name: string, env: ResolvedEnvironment): string | undefined {
  const { prefixes, names } = PLATFORM_DEFAULTS.reservedNamespaces;
  const prefix = prefixes.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `namespaces '${prefix}*' belong to Kubernetes itself`;
  if ((names as readonly string[]).includes(name))
    return name === 'default' ? "'default' belongs to the cluster" : `'${name}' is where a platform controller runs`;
  const named: [string | undefined, string][] = [
    [env.gitops.argocd?.namespace, 'Argo CD runs'],
    [env.monitoring.prometheusNamespace.value, 'Prometheus runs'],
    [env.ingress.sourceNamespace.value, env.ingress.mode === 'ingress' ? 'the ingress controller runs' : "the gateway's proxies run"],
    [env.ingress.mode === 'gateway' ? env.ingress.gateway.namespace : undefined, 'the shared Gateway lives'],
  ];
  const hit = named.find(([namespace]) => namespace === name);
  return hit ? `'${name}' is where ${hit[1]} in environment '${env.name}'` : undefined;
}
