import { dataClassOf } from '../../manifest/data-class';
import { LabelSelector } from '../../manifest/k8s-types';
import { ObjectRule } from '../rule';

interface IngressRule {
  readonly from?: readonly { readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector; readonly ipBlock?: unknown }[];
  readonly ports?: readonly unknown[];
}

const named = (selector: LabelSelector | undefined) => Object.keys(selector?.matchLabels ?? {}).length + (selector?.matchExpressions?.length ?? 0) > 0;

export const hardenedIngressCallers: ObjectRule = {
  id: 'hardened-ingress-callers',
  scope: 'object',
  severity: 'error',
  finding: "a hardened app's NetworkPolicy admits more than its declared callers",
  why: 'a rule for a whole namespace, an address block or everyone lets pods that never declared the app reach the data it guards',
  fix: "name each caller's pods (callers list the app in dependsOn); the platform's own scrapers and ingress controller come from their namespace on one port only",
  admission: {
    synthOnly: "it reads a NetworkPolicy, whose peers only the platform's own rendering declares; the admission layer matches the pod-running kinds",
  },
  check: (object) => {
    if (object.kind !== 'NetworkPolicy' || dataClassOf(object) === undefined) return [];
    const rules = (object as { spec?: { ingress?: readonly IngressRule[] } }).spec?.ingress ?? [];
    const namespace = object.metadata.namespace;
    return rules.flatMap((rule, i) => {
      const at = `spec.ingress[${i}]`;
      if (!rule.from || rule.from.length === 0) return [{ field: at, message: 'the rule admits every source' }];
      return rule.from.flatMap((peer, j) => {
        if (named(peer.podSelector)) return [];
        // A platform component (Prometheus, the ingress controller) in its own namespace, on named ports.
        const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        if (!peer.ipBlock && ns !== undefined && ns !== namespace && (rule.ports?.length ?? 0) > 0) return [];
        return [{ field: `${at}.from[${j}]`, message: peer.ipBlock ? 'the rule admits an address block' : 'the rule admits a whole namespace' }];
      });
    });
  },
};
