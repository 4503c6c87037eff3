/**
 * Where an environment's pods resolve names: every app's NetworkPolicy allows egress to these
 * peers on the DNS port (UDP and TCP), and nothing else is allowed without a declared peer.
 */
export interface EnvironmentDns {
  /**
   * The resolvers. A cluster that runs NodeLocal DNSCache needs its link-local address,
   * `DnsPeer.cidr('169.254.20.10/32')` (and kube-dns too, where the cache forwards through the pod network).
   * @default - [DnsPeer.kubeDns()]: pods labelled k8s-app=kube-dns in kube-system
   */
  readonly peers?: readonly DnsPeer[];
  /** @default 53 */
  readonly port?: number;
}

/** One DNS resolver: pods selected by namespace and labels, or an address block. */
export type DnsPeer =
  | { readonly kind: 'pods'; readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> }
  | { readonly kind: 'cidr'; readonly cidr: string };

export const DnsPeer = {
  /** The cluster's CoreDNS (kube-dns) pods, as kubeadm, EKS, GKE and AKS label them. */
  kubeDns: (): DnsPeer => ({ kind: 'pods', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }),
  pods: (namespace: string, podLabels: Readonly<Record<string, string>>): DnsPeer => ({ kind: 'pods', namespace, podLabels }),
  /** An IPv4 address block, e.g. NodeLocal DNSCache's '169.254.20.10/32'. */
  cidr: (cidr: string): DnsPeer => ({ kind: 'cidr', cidr }),
};
