import { Manifest } from '../../../../lib/manifest/manifest';
import { httpRouteBackendExists } from '../../../../lib/policy/rules/http-route-backend-exists';
import { ingressBackendExists } from '../../../../lib/policy/rules/ingress-backend-exists';
import { podMonitorTargetExists } from '../../../../lib/policy/rules/pod-monitor-target-exists';
import { selectorMatchesTemplate } from '../../../../lib/policy/rules/selector-matches-template';
import { serviceMonitorTargetExists } from '../../../../lib/policy/rules/service-monitor-target-exists';
import { serviceSelectsPods } from '../../../../lib/policy/rules/service-selects-pods';
import { workerDef } from '../../../helpers';
import { edit, golden } from '../../policy-helpers';
import { RuleCase } from './rule-case';

const NAME = { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' };

function ingress(service: string, port: { name?: string; number?: number }): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'checkout', namespace: 'shop' },
    spec: { rules: [{ host: 'shop.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port } } }] } }] },
  };
}

function httpRoute(service: string, port: number): Manifest {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'checkout', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'public', namespace: 'gateway' }], rules: [{ backendRefs: [{ name: service, port }] }] },
  };
}

function serviceMonitor(selector: Record<string, string>, endpoint: Record<string, string>): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'checkout', namespace: 'shop' },
    spec: { selector: { matchLabels: selector }, endpoints: [endpoint] },
  };
}

function podMonitor(port: string): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'mailer', namespace: 'shop' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'mailer' } }, podMetricsEndpoints: [{ port }] },
  };
}

export const REFERENCE_CASES: readonly RuleCase[] = [
  {
    rule: selectorMatchesTemplate,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Deployment', (d) => (d.spec.selector.matchLabels['app.kubernetes.io/name'] = 'checkout-v2')),
    message: 'does not match the template labels',
    field: 'spec.selector',
  },
  {
    rule: serviceSelectsPods,
    compliant: () => golden(),
    violating: () => edit(golden(), 'Service', (s) => (s.spec.selector = { 'app.kubernetes.io/name': 'chekout' })),
    message: "spec.selector matches no pods in namespace 'shop'",
    field: 'spec.selector',
  },
  {
    rule: ingressBackendExists,
    compliant: () => [...golden(), ingress('checkout', { name: 'http' })],
    violating: () => [...golden(), ingress('checkout-api', { name: 'http' })],
    message: "there is no Service 'checkout-api' in namespace 'shop'",
    field: 'spec.rules[0].http.paths[0].backend',
  },
  {
    rule: httpRouteBackendExists,
    compliant: () => [...golden(), httpRoute('checkout', 8080)],
    violating: () => [...golden(), httpRoute('checkout', 80)],
    message: "Service 'checkout' has no port 80",
    field: 'spec.rules[0].backendRefs[0].port',
  },
  {
    rule: serviceMonitorTargetExists,
    compliant: () => [...golden(), serviceMonitor(NAME, { port: 'http' })],
    violating: () => [...golden(), serviceMonitor({ 'app.kubernetes.io/name': 'checkout-api' }, { port: 'http' })],
    message: "spec.selector matches no Service in namespace 'shop'",
  },
  {
    rule: podMonitorTargetExists,
    compliant: () => [...golden(workerDef({ healthPort: 8081 })), podMonitor('health')],
    violating: () => [...golden(workerDef({ healthPort: 8081 })), podMonitor('metrics')],
    message: "port 'metrics' is not a container port name of the selected pods",
    field: 'spec.podMetricsEndpoints[0].port',
  },
];
