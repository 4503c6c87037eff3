import { LabelSelector, selects } from '../manifest/label-selector';
import { Manifest } from '../manifest/manifest';

/**
 * Evaluates who may connect to whom under the NetworkPolicies of a rendered tree, with the
 * Kubernetes semantics: a pod selected by a policy of a direction is isolated in that direction
 * and admits only what some rule allows; a connection needs the source's egress and the
 * destination's ingress. This reads the generated objects, not the declarations they came from,
 * so it catches a construct that drifts from what the app declared.
 */

interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyPort {
  readonly port?: number | string;
  readonly endPort?: number;
  readonly protocol?: string;
}
interface PolicyRule {
  readonly from?: readonly PolicyPeer[];
  readonly to?: readonly PolicyPeer[];
  readonly ports?: readonly PolicyPort[];
}
interface Policy {
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly types: readonly string[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

/** A pod template of a workload: where it runs, its labels and its named ports. */
export interface Workload {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: Readonly<Record<string, number>>;
}

/** The fields of a NetworkPolicy, a Namespace and a workload this reads (schema validation has checked their types). */
interface NetworkPolicyView {
  readonly spec?: {
    readonly podSelector?: LabelSelector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly PolicyRule[];
    readonly egress?: readonly PolicyRule[];
  };
}
interface NamespaceView {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
}
interface PodTemplateView {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: { readonly containers?: readonly { readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[] }[] };
}
interface WorkloadView {
  readonly spec?: { readonly template?: PodTemplateView; readonly jobTemplate?: { readonly spec?: { readonly template?: PodTemplateView } } };
}

const WORKLOAD_TEMPLATE: Readonly<Record<string, (m: WorkloadView) => PodTemplateView | undefined>> = {
  Deployment: (m) => m.spec?.template,
  StatefulSet: (m) => m.spec?.template,
  DaemonSet: (m) => m.spec?.template,
  Job: (m) => m.spec?.template,
  CronJob: (m) => m.spec?.jobTemplate?.spec?.template,
};

export class NetworkGraph {
  private readonly policies: Policy[] = [];
  private readonly namespaceLabels = new Map<string, Record<string, string>>();
  readonly workloads: Workload[] = [];

  constructor(manifests: readonly Manifest[]) {
    for (const m of manifests) {
      const namespace = m.metadata.namespace ?? 'default';
      const templateOf = WORKLOAD_TEMPLATE[m.kind] as ((m: WorkloadView) => PodTemplateView | undefined) | undefined;
      if (m.kind === 'NetworkPolicy') {
        const spec = (m as NetworkPolicyView).spec;
        const types = spec?.policyTypes ?? (spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
        this.policies.push({ namespace, podSelector: spec?.podSelector ?? {}, types, ingress: spec?.ingress ?? [], egress: spec?.egress ?? [] });
      } else if (m.kind === 'Namespace') {
        const metadata = (m as NamespaceView).metadata;
        this.namespaceLabels.set(metadata.name, { ...(metadata.labels ?? {}), 'kubernetes.io/metadata.name': metadata.name });
      } else if (templateOf) {
        const template = templateOf(m as WorkloadView) ?? {};
        const ports: Record<string, number> = {};
        for (const c of template.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name) ports[p.name] = p.containerPort;
        this.workloads.push({ kind: m.kind, name: m.metadata.name, namespace, labels: template.metadata?.labels ?? {}, ports });
      }
    }
  }

  /** The workload called `name` (optionally `namespace/name`). */
  workload(ref: string): Workload {
    const [namespace, name] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
    const found = this.workloads.filter((w) => w.name === name && (namespace === undefined || w.namespace === namespace));
    if (found.length !== 1) throw new Error(`expected one workload '${ref}', found ${found.length}`);
    return found[0];
  }

  /** May a pod of `from` open a connection to a pod of `to` on `port`? */
  allows(from: Workload, to: Workload, port: number, protocol = 'TCP'): boolean {
    return this.admits(from, 'Egress', { pod: to }, port, protocol) && this.admits(to, 'Ingress', { pod: from }, port, protocol);
  }

  /** May a pod of `from` connect to an address outside the cluster's pods (an IP) on `port`? */
  allowsEgressToIp(from: Workload, ip: string, port: number, protocol = 'TCP'): boolean {
    return this.admits(from, 'Egress', { ip }, port, protocol);
  }

  private admits(pod: Workload, direction: 'Ingress' | 'Egress', peer: { pod?: Workload; ip?: string }, port: number, protocol: string): boolean {
    const selecting = this.policies.filter((p) => p.namespace === pod.namespace && p.types.includes(direction) && selects(p.podSelector, pod.labels));
    if (selecting.length === 0) return true;
    // For egress the port is the destination's; for ingress it is this pod's own.
    const portOwner = direction === 'Ingress' ? pod : peer.pod;
    return selecting.some((policy) =>
      (direction === 'Ingress' ? policy.ingress : policy.egress).some((rule) => {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        const peerOk = peers === undefined || peers.length === 0 || peers.some((p) => this.peerMatches(p, policy.namespace, peer));
        return peerOk && portMatches(rule.ports, port, protocol, portOwner);
      }),
    );
  }

  private peerMatches(p: PolicyPeer, policyNamespace: string, peer: { pod?: Workload; ip?: string }): boolean {
    if (p.ipBlock) return peer.ip !== undefined && inCidr(peer.ip, p.ipBlock.cidr) && !(p.ipBlock.except ?? []).some((c) => inCidr(peer.ip!, c));
    if (!peer.pod) return false;
    const nsLabels = this.namespaceLabels.get(peer.pod.namespace) ?? { 'kubernetes.io/metadata.name': peer.pod.namespace };
    const nsOk = p.namespaceSelector ? selects(p.namespaceSelector, nsLabels) : peer.pod.namespace === policyNamespace;
    const podOk = p.podSelector ? selects(p.podSelector, peer.pod.labels) : true;
    return nsOk && podOk;
  }
}

function portMatches(ports: readonly PolicyPort[] | undefined, port: number, protocol: string, owner: Workload | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const start = typeof p.port === 'number' ? p.port : owner?.ports[p.port];
    if (start === undefined) return false;
    return port >= start && port <= (p.endPort ?? start);
  });
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (toInt(ip) & mask) === (toInt(base) & mask);
}
