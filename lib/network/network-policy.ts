import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { LABEL } from '../internal/labels';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp, ResolvedDns, ResolvedPeer } from '../model/resolved-app';

/** The label every namespace carries (Kubernetes sets it), so policies can select namespaces by name. */
export const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/** DNS egress to the environment's resolvers (UDP and TCP), the one thing every pod needs. */
export function dnsEgress(dns: ResolvedDns): k8s.NetworkPolicyEgressRule {
  return {
    to: dns.peers.map((peer): k8s.NetworkPolicyPeer =>
      peer.kind === 'cidr'
        ? { ipBlock: { cidr: peer.cidr } }
        : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: peer.namespace } }, podSelector: { matchLabels: { ...peer.podLabels } } },
    ),
    ports: [
      { port: k8s.IntOrString.fromNumber(dns.port), protocol: 'UDP' },
      { port: k8s.IntOrString.fromNumber(dns.port), protocol: 'TCP' },
    ],
  };
}

/**
 * Default deny for the app's pods in both directions, then DNS egress and exactly the peers the
 * app declares. Ingress without a port is allowed on the serving ports only (their container ports:
 * a NetworkPolicy sees the pod's port, not the Service's).
 */
export function appNetworkPolicy(scope: Construct, app: ResolvedApp): k8s.KubeNetworkPolicy {
  const ingressPorts = app.servicePorts.map((p) => p.targetPort);
  return new k8s.KubeNetworkPolicy(scope, 'network-policy', {
    metadata: appMetadata(app),
    spec: {
      podSelector: { matchLabels: { ...app.selector } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: app.network.ingress.map((peer) => ({ from: [toPolicyPeer(peer)], ...ports(peer, ingressPorts) })),
      egress: [dnsEgress(app.network.dns), ...app.network.egress.map((peer) => ({ to: [toPolicyPeer(peer)], ...ports(peer, []) }))],
    },
  });
}

function toPolicyPeer(peer: ResolvedPeer): k8s.NetworkPolicyPeer {
  switch (peer.kind) {
    case 'cidr':
      return { ipBlock: { cidr: peer.cidr! } };
    case 'namespace':
      return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: peer.namespace! } } };
    case 'app':
      return {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: peer.namespace! } },
        podSelector: { matchLabels: { [LABEL.name]: peer.app! } },
      };
  }
}

function ports(peer: ResolvedPeer, fallback: readonly number[]): { ports?: k8s.NetworkPolicyPort[] } {
  const list = peer.port !== undefined ? [peer.port] : fallback;
  return list.length === 0 ? {} : { ports: list.map((port) => ({ port: k8s.IntOrString.fromNumber(port), protocol: peer.protocol })) };
}
