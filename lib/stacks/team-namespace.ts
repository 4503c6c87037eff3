import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedNamespace } from '../model/resolved-namespace';

export interface TeamNamespaceProps {
  readonly namespace: ResolvedNamespace;
}

/** A team's namespace in one environment: the Namespace, its ResourceQuota and its LimitRange. */
export class TeamNamespace extends Construct {
  readonly namespace: k8s.KubeNamespace;
  readonly quota: k8s.KubeResourceQuota;
  readonly limitRange: k8s.KubeLimitRange;

  constructor(scope: Construct, id: string, props: TeamNamespaceProps) {
    super(scope, id);
    const ns = props.namespace;
    const metadata = (name: string, namespace?: string): k8s.ObjectMeta => ({
      name,
      ...(namespace ? { namespace } : {}),
      labels: { ...ns.labels },
      annotations: { ...ns.annotations },
    });
    const quantities = (values: Readonly<Record<string, string>>) =>
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
    const namespaceMetadata = metadata(ns.name);
    this.namespace = new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        ...namespaceMetadata,
        labels: { ...namespaceMetadata.labels, ...ns.podSecurityLabels },
        annotations: { ...namespaceMetadata.annotations, ...ns.namespaceAnnotations },
      },
    });
    this.quota = new k8s.KubeResourceQuota(this, 'quota', { metadata: metadata(ns.team, ns.name), spec: { hard: quantities(ns.quota) } });
    this.limitRange = new k8s.KubeLimitRange(this, 'limit-range', {
      metadata: metadata(ns.team, ns.name),
      spec: { limits: [{ type: 'Container', defaultRequest: quantities(ns.defaultRequest), default: quantities(ns.defaultLimit) }] },
    });
  }
}

/** Synthesizes a team namespace to plain objects (its own App, like every app chart). */
export function synthNamespace(namespace: ResolvedNamespace): unknown[] {
  const chart = new Chart(new App({ recordConstructMetadata: false }), `${namespace.environment}-${namespace.team}-namespace`, {
    disableResourceNameHashes: true,
  });
  new TeamNamespace(chart, namespace.team, { namespace });
  return chart.toJson();
}
