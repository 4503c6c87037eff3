import { dataClassOf } from '../../manifest/data-class';
import { ObjectRule } from '../rule';

export const hardenedPublicExposure: ObjectRule = {
  id: 'hardened-public-exposure',
  scope: 'object',
  severity: 'error',
  finding: 'a hardened app is reachable from the internet',
  why: 'an app that handles payment or personal data is reached through the apps that call it; a public route needs a reviewed, expiring exception',
  fix: "serve the public traffic from a caller on the standard path, or waive 'hardened-public-exposure' with a reason (at most 90 days)",
  admission: { synthOnly: 'it reads an Ingress or HTTPRoute together with the app it routes to; the admission layer matches the pod-running kinds' },
  check: (object) => {
    const route =
      (object.kind === 'Ingress' && object.apiVersion === 'networking.k8s.io/v1') ||
      (object.kind === 'HTTPRoute' && object.apiVersion.startsWith('gateway.networking.k8s.io/'));
    if (!route || dataClassOf(object) === undefined) return [];
    return [{ message: `${object.kind} '${object.metadata.name}' makes the hardened app public` }];
  },
};
